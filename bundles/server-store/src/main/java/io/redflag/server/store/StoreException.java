// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.store;

import java.sql.SQLException;

/** The database could not do what was asked (unreachable, or it refused the work): the caller may retry later. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}

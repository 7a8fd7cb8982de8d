// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.internal.db;

import java.sql.SQLException;

/** The database could not do what was asked; mapped to 503 at the REST boundary. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}

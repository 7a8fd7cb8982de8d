// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import io.redflag.updates.tuf.TufException;
import java.time.Instant;

/**
 * What trusted metadata keeps of its envelope once verified: the parsed tree and canonical bytes are dropped, so an
 * agent holds no more than the models it uses.
 *
 * @param role the role, for messages
 * @param version the {@code version}
 * @param expires the {@code expires} date-time
 */
public record Header(String role, long version, Instant expires) {

    /** Expired means {@code expires} is not after the update's start time. */
    public boolean expiredAt(Instant now) {
        return !expires.isAfter(now);
    }

    /** Throws EXPIRED (a possible freeze attack) when expired at {@code now}. */
    public void requireNotExpired(Instant now) throws TufException {
        if (expiredAt(now)) {
            throw new TufException(TufException.Reason.EXPIRED, role, role + " v" + version + " expired at " + expires
                    + " (update started " + now + "): possible freeze attack");
        }
    }
}

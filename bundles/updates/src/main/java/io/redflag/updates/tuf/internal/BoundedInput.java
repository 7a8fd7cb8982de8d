// SPDX-License-Identifier: Apache-2.0
package io.redflag.updates.tuf.internal;

import io.redflag.updates.tuf.TufException;
import io.redflag.updates.tuf.TufException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream without ever asking it for more than {@code limit + 1} bytes: the one extra byte proves the data is
 * too long, and a repository sending endless data ("endless data" attack) costs us no more than that.
 */
public final class BoundedInput {

    private BoundedInput() {
    }

    /** All bytes of {@code in}, or TOO_LARGE as soon as there are more than {@code limit}. Closes the stream. */
    public static byte[] readAll(InputStream in, long limit, String role, String what)
            throws IOException, TufException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 8192));
            byte[] buffer = new byte[8192];
            long total = 0;
            while (true) {
                int n = in.read(buffer, 0, ask(buffer.length, limit - total));
                if (n < 0) {
                    return out.toByteArray();
                }
                total += n;
                if (total > limit) {
                    throw tooLarge(role, what, limit);
                }
                out.write(buffer, 0, n);
            }
        }
    }

    /** How much to ask for when {@code room} more bytes are allowed: never more than one byte beyond. */
    public static int ask(int bufferLength, long room) {
        return room >= bufferLength ? bufferLength : (int) room + 1;
    }

    /** The failure for data longer than {@code limit}. */
    public static TufException tooLarge(String role, String what, long limit) {
        return new TufException(Reason.TOO_LARGE, role, what + " is longer than the " + limit + " bytes allowed");
    }
}

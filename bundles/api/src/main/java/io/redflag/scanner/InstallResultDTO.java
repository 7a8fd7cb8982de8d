// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** What an install did. */
public class InstallResultDTO extends DTO {
    public boolean success;
    public int exitCode;
    /** A one-line summary for the operator. */
    public String message;
    /** The installer's output; at most {@link #MAX_OUTPUT} characters, see {@link #excerpt(String)}. */
    public String output;
    /** Package ids that are now at their new version. */
    public List<String> installed = new ArrayList<>();
    public boolean rebootRequired;

    /** How much installer output a result carries; the platform cuts longer output with {@link #excerpt}. */
    public static final int MAX_OUTPUT = 64 * 1024;

    /**
     * Keeps the start and, mostly, the end of a long output (installers print their errors last),
     * marking what was left out. Short output is returned as it is.
     */
    public static String excerpt(String output) {
        if (output == null || output.length() <= MAX_OUTPUT) {
            return output;
        }
        int head = MAX_OUTPUT / 4;
        int tail = MAX_OUTPUT - head;
        return output.substring(0, head) + "\n[… " + (output.length() - head - tail) + " characters left out …]\n"
                + output.substring(output.length() - tail);
    }
}

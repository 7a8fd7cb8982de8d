// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import io.redflag.scanner.ScanException;
import io.redflag.scanner.system.internal.HostProbe.FsUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the POSIX output format of {@code df -P -k}: a header line
 * ({@code Filesystem 1024-blocks Used Available Capacity Mounted on}), then one line per file
 * system. -P is what makes this parseable: it forbids GNU df's line wrapping of long device names.
 * The format has no type column, so {@link FsUsage#type()} is null.
 */
final class DfParser {

    // "1024-blocks" with -k; POSIX df without -k says "512-blocks", which the block size below handles
    private static final Pattern HEADER = Pattern.compile("^Filesystem\\s+(\\d+)-blocks\\s+Used\\s+Avail.*$");

    // the device may contain spaces ("map auto_home" on macOS) and so may the mount point, which
    // runs to the end of the line; the four numeric columns in between anchor both
    private static final Pattern LINE = Pattern.compile("^(.+?)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+%|-)\\s+(.+)$");

    private DfParser() {}

    /**
     * Parses the whole output; a header with no lines after it is a valid, empty listing.
     *
     * @throws ScanException if the header is missing or a line is not a df -P file-system line
     */
    static List<FsUsage> parse(String output) throws ScanException {
        String[] lines = (output == null ? "" : output).split("\\R");
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i == lines.length) {
            throw new ScanException("not df -P -k output: the text is empty (df always prints a header)");
        }
        Matcher header = HEADER.matcher(lines[i].strip());
        if (!header.matches()) {
            throw new ScanException("not df -P -k output: expected the header 'Filesystem 1024-blocks Used "
                    + "Available Capacity Mounted on' (run df with LC_ALL=C), found '" + abbreviate(lines[i]) + "'");
        }
        long blockSize = Long.parseLong(header.group(1));
        List<FsUsage> result = new ArrayList<>();
        for (i++; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(lines[i].strip());
            if (!m.matches()) {
                throw new ScanException("not df -P -k output: line " + (i + 1) + " is not a file-system line: '"
                        + abbreviate(lines[i]) + "'");
            }
            long total = Long.parseLong(m.group(2)) * blockSize;
            long used = Long.parseLong(m.group(3)) * blockSize;
            long available = Long.parseLong(m.group(4)) * blockSize;
            // "free" includes the superuser's reserve, which df does not print: total - used recovers it
            result.add(new FsUsage(m.group(6), null, m.group(1), total, Math.max(0, total - used), available));
        }
        return result;
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A line of terminal text measured the way winget measures it: in display cells, one per user-perceived
 * character (grapheme cluster), two when its first code point is East Asian Wide or Fullwidth
 * (winget-cli {@code UTF8ColumnWidth}, ICU {@code UCHAR_EAST_ASIAN_WIDTH}). winget pads its table columns
 * to cell widths, so column offsets must be computed in cells, not chars: "网易云音乐" is 5 chars but 10 cells.
 */
final class Cells {

    // East Asian Width W and F ranges (inclusive pairs) of Unicode 14, plus the CJK blocks whose
    // unassigned code points EastAsianWidth.txt also makes W. Generated from Python's unicodedata.
    private static final int[] WIDE = {
            0x1100, 0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3,
            0x25FD, 0x25FE, 0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1,
            0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA,
            0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B,
            0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
            0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x2E80, 0x2E99,
            0x2E9B, 0x2EF3, 0x2F00, 0x2FD5, 0x2FF0, 0x2FFB, 0x3000, 0x303E, 0x3041, 0x3096, 0x3099, 0x30FF,
            0x3105, 0x312F, 0x3131, 0x318E, 0x3190, 0x31E3, 0x31F0, 0x321E, 0x3220, 0x3247, 0x3250, 0x4DBF,
            0x4E00, 0xA48C, 0xA490, 0xA4C6, 0xA960, 0xA97C, 0xAC00, 0xD7A3, 0xF900, 0xFAFF, 0xFE10, 0xFE19,
            0xFE30, 0xFE52, 0xFE54, 0xFE66, 0xFE68, 0xFE6B, 0xFF01, 0xFF60, 0xFFE0, 0xFFE6, 0x16FE0, 0x16FE4,
            0x16FF0, 0x16FF1, 0x17000, 0x187F7, 0x18800, 0x18CD5, 0x18D00, 0x18D08, 0x1AFF0, 0x1AFF3,
            0x1AFF5, 0x1AFFB, 0x1AFFD, 0x1AFFE, 0x1B000, 0x1B122, 0x1B150, 0x1B152, 0x1B164, 0x1B167,
            0x1B170, 0x1B2FB, 0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF, 0x1F18E, 0x1F18E, 0x1F191, 0x1F19A,
            0x1F200, 0x1F202, 0x1F210, 0x1F23B, 0x1F240, 0x1F248, 0x1F250, 0x1F251, 0x1F260, 0x1F265,
            0x1F300, 0x1F320, 0x1F32D, 0x1F335, 0x1F337, 0x1F37C, 0x1F37E, 0x1F393, 0x1F3A0, 0x1F3CA,
            0x1F3CF, 0x1F3D3, 0x1F3E0, 0x1F3F0, 0x1F3F4, 0x1F3F4, 0x1F3F8, 0x1F43E, 0x1F440, 0x1F440,
            0x1F442, 0x1F4FC, 0x1F4FF, 0x1F53D, 0x1F54B, 0x1F54E, 0x1F550, 0x1F567, 0x1F57A, 0x1F57A,
            0x1F595, 0x1F596, 0x1F5A4, 0x1F5A4, 0x1F5FB, 0x1F64F, 0x1F680, 0x1F6C5, 0x1F6CC, 0x1F6CC,
            0x1F6D0, 0x1F6D2, 0x1F6D5, 0x1F6D7, 0x1F6DD, 0x1F6DF, 0x1F6EB, 0x1F6EC, 0x1F6F4, 0x1F6FC,
            0x1F7E0, 0x1F7EB, 0x1F7F0, 0x1F7F0, 0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1F9FF,
            0x1FA70, 0x1FA74, 0x1FA78, 0x1FA7C, 0x1FA80, 0x1FA86, 0x1FA90, 0x1FAAC, 0x1FAB0, 0x1FABA,
            0x1FAC0, 0x1FAC5, 0x1FAD0, 0x1FAD9, 0x1FAE0, 0x1FAE7, 0x1FAF0, 0x1FAF6, 0x20000, 0x2FFFD,
            0x30000, 0x3FFFD
    };

    private final String text;
    /** Char offset where each cluster starts, plus text.length() at the end. */
    private final int[] charStart;
    /** Cell where each cluster starts, plus the total width at the end. */
    private final int[] cellStart;

    private Cells(String text, int[] charStart, int[] cellStart) {
        this.text = text;
        this.charStart = charStart;
        this.cellStart = cellStart;
    }

    /** Measures one line (no line breaks expected). */
    static Cells of(String line) {
        BreakIterator clusters = BreakIterator.getCharacterInstance(Locale.ROOT);
        clusters.setText(line);
        List<Integer> starts = new ArrayList<>();
        for (int b = clusters.first(); b != BreakIterator.DONE; b = clusters.next()) {
            starts.add(b);
        }
        if (starts.isEmpty() || starts.get(starts.size() - 1) != line.length()) {
            starts.add(line.length());
        }
        int n = starts.size() - 1;
        int[] chars = new int[n + 1];
        int[] cells = new int[n + 1];
        int cell = 0;
        for (int i = 0; i < n; i++) {
            chars[i] = starts.get(i);
            cells[i] = cell;
            cell += clusterWidth(line.codePointAt(chars[i]));
        }
        chars[n] = line.length();
        cells[n] = cell;
        return new Cells(line, chars, cells);
    }

    /** Display width of a whole string. */
    static int width(String s) {
        return of(s).width();
    }

    /** 2 for East Asian Wide/Fullwidth, else 1; a cluster is as wide as its first code point. */
    static int clusterWidth(int codePoint) {
        return isWide(codePoint) ? 2 : 1;
    }

    static boolean isWide(int codePoint) {
        if (codePoint < WIDE[0]) {
            return false;
        }
        int i = Arrays.binarySearch(WIDE, codePoint);
        if (i >= 0) {
            return true;                      // exactly on a range bound
        }
        int insertion = -i - 1;               // WIDE[insertion - 1] < codePoint < WIDE[insertion]
        return insertion % 2 == 1;           // inside a [start, end] pair
    }

    int width() {
        return cellStart[cellStart.length - 1];
    }

    /**
     * The clusters that START in cells [from, to), as text. A wide character straddling {@code to}
     * belongs to the column it starts in, as winget writes it.
     */
    String slice(int from, int to) {
        int a = firstClusterAtOrAfter(from);
        int b = firstClusterAtOrAfter(to);
        return a >= b ? "" : text.substring(charStart[a], charStart[b]);
    }

    /** The text from cell {@code from} to the end of the line. */
    String sliceFrom(int from) {
        return slice(from, Integer.MAX_VALUE);
    }

    /** True when cell {@code cell} is blank: a space, past the end of the line, or the 2nd half of nothing. */
    boolean blankAt(int cell) {
        if (cell < 0) {
            return true;
        }
        int i = clusterCovering(cell);
        return i < 0 || Character.isWhitespace(text.codePointAt(charStart[i]));
    }

    /** Cells where a word (non-blank after blank or at the start) begins. */
    List<Integer> wordStarts() {
        List<Integer> starts = new ArrayList<>();
        boolean previousBlank = true;
        for (int i = 0; i < cellStart.length - 1; i++) {
            boolean blank = Character.isWhitespace(text.codePointAt(charStart[i]));
            if (!blank && previousBlank) {
                starts.add(cellStart[i]);
            }
            previousBlank = blank;
        }
        return starts;
    }

    // cellStart is strictly increasing (every cluster is at least one cell wide): binary searches keep
    // a long line linear to read instead of quadratic
    private int firstClusterAtOrAfter(int cell) {
        int n = cellStart.length - 1;
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cellStart[mid] >= cell) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private int clusterCovering(int cell) {
        int n = cellStart.length - 1;
        if (cell < 0 || n == 0 || cell >= cellStart[n]) {
            return -1;
        }
        int i = firstClusterAtOrAfter(cell + 1) - 1;
        return i >= 0 && cell >= cellStart[i] ? i : -1;
    }
}

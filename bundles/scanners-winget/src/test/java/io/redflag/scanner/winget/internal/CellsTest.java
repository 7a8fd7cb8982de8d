// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.winget.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellsTest {

    @ParameterizedTest(name = "width({0}) = {1}")
    @CsvSource({
        // the cases of winget-cli's own UTF8ColumnWidth test (src/AppInstallerCLITests/Strings.cpp)
        "abc, 3",
        "K\u00e4se, 4",
        "bye\u2026, 4",
        "\u6d4b\u8bd5, 4",
        "te\u6d4bs\u8bd5t, 8",
        "\ud83e\udd86, 2",
        // a base letter and a combining accent are one cell
        "e\u0301t\u00e9, 3",
        // Hangul, Katakana, full-width Latin
        "\uce74\uce74\uc624\ud1a1, 8",
        "\u30b5\u30af\u30e9, 6",
        "\uff37\uff49\uff4e, 6",
        // half-width Katakana is narrow
        "\uff7b\uff78\uff97, 3",
    })
    void measuresDisplayCellsLikeWinget(String text, int cells) {
        assertThat(Cells.width(text)).isEqualTo(cells);
    }

    @Test
    void slicesByCellsNotChars() {
        Cells line = Cells.of("\u7f51\u6613\u4e91  Net.Ease 1.0");
        // 3 wide chars = 6 cells, then 2 blanks: the Id column starts at cell 8, char 5
        assertThat(line.slice(0, 8).strip()).isEqualTo("\u7f51\u6613\u4e91");
        assertThat(line.slice(8, 17)).isEqualTo("Net.Ease ");
        assertThat(line.sliceFrom(17)).isEqualTo("1.0");
        assertThat(line.blankAt(7)).isTrue();
        assertThat(line.blankAt(5)).isFalse();      // second half of a wide character
        assertThat(line.blankAt(99)).isTrue();      // past the end
        assertThat(line.wordStarts()).containsExactly(0, 8, 17);
    }

    @Test
    void wideRangeBoundsAreInclusive() {
        assertThat(Cells.isWide(0x10FF)).isFalse();
        assertThat(Cells.isWide(0x1100)).isTrue();
        assertThat(Cells.isWide(0x115F)).isTrue();
        assertThat(Cells.isWide(0x1160)).isFalse();
        assertThat(Cells.isWide(0x3FFFD)).isTrue();
        assertThat(Cells.isWide('A')).isFalse();
    }
}

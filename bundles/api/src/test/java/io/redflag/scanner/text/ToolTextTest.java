// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ToolTextTest {

    /** Text as UTF-8 bytes read through a code page, the way a Windows console mangles it. */
    private static String mangled(String text, String codePage) {
        return new String(text.getBytes(StandardCharsets.UTF_8), Charset.forName(codePage));
    }

    @Test
    void utf8ReadThroughAWindowsCodePageIsRepairedWhateverThePage() {
        String line = "Microsoft.VisualStudio.2022.Community   17.8.3   17.9.1   winget   Größe … Привет";
        for (String page : new String[] {"windows-1252", "IBM850", "IBM437"}) {
            String broken = mangled(line, page);
            assertThat(broken).as(page).isNotEqualTo(line);
            assertThat(ToolText.repairMojibakeLine(broken)).as(page).isEqualTo(line);
        }
        assertThat(ToolText.repairMojibake(mangled("a é\nb ü\nplain", "windows-1252"))).isEqualTo("a é\nb ü\nplain");
    }

    @Test
    void correctTextIsLeftAlone() {
        for (String ok : new String[] {"café", "Größe", "naïve résumé", "日本語のテキスト", "plain ascii", "", "Ǭ"}) {
            assertThat(ToolText.repairMojibakeLine(ok)).as(ok).isEqualTo(ok);
        }
        assertThat(ToolText.repairMojibake(null)).isEmpty();
    }

    @Test
    void aValueCutByItsColumnIsKnownInEveryForm() {
        assertThat(ToolText.isCut("Microsoft.VisualStudio.2022.Com…")).isTrue();
        assertThat(ToolText.isCut(mangled("Microsoft.VisualStudio.2022.Com…", "windows-1252"))).isTrue();
        assertThat(ToolText.isCut(mangled("Microsoft.VisualStudio.2022.Com…", "IBM850"))).isTrue();
        assertThat(ToolText.isCut(mangled("Microsoft.VisualStudio.2022.Com…", "IBM437"))).isTrue();
        assertThat(ToolText.isCut("Security Update for Windows...")).isTrue();
        assertThat(ToolText.isCut("Microsoft.VisualStudio.2022.Community")).isFalse();
        assertThat(ToolText.isCut("1.2.3")).isFalse();
        assertThat(ToolText.isCut(null)).isFalse();
    }

    @Test
    void linesAreWhatATerminalShowed() {
        String output = "\u001B[32mName\u001B[0m  Id\r\n   - \r   \\ \r   | \rFound 2\n\u001B[2K\u001B[1Gdone";
        assertThat(ToolText.asShown(output)).containsExactly("Name  Id", "Found 2", "done");
        assertThat(ToolText.asShown("")).isEmpty();
        assertThat(ToolText.stripEscapes("\u001B[?25lhidden cursor\u001B[?25h")).isEqualTo("hidden cursor");
    }
}

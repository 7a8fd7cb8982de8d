package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.testkit.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ${classPrefix}ListParserTest {

    @Test
    void readsEveryUpgradeOfTheCapture() throws Exception {
        List<PackageUpdateDTO> updates = ${classPrefix}ListParser.parse(Fixtures.text("${ecosystem}/list-upgrades.txt"));
        assertEquals(List.of("firefox", "libreoffice", "vlc"), updates.stream().map(u -> u.id).toList());
        assertEquals("124.0.1", updates.get(0).installedVersion);
        assertEquals("125.0.2", updates.get(0).availableVersion);
    }

    @Test
    void aNameCutByANarrowColumnIsNotReported() throws Exception {
        assertTrue(${classPrefix}ListParser.parse("libreoffice-sti\u2026 7.6.4 7.6.5\n").isEmpty());
    }
}

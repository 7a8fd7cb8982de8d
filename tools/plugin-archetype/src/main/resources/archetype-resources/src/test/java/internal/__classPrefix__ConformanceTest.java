package ${package}.internal;

import io.redflag.scanner.testkit.Fixtures;
import io.redflag.scanner.testkit.PluginUnderTest;
import io.redflag.scanner.testkit.ScannerConformance;
import java.util.List;

/** The platform's rules for every plug-in (RedFlag's scanner test kit): this class inherits its tests. */
class ${classPrefix}ConformanceTest extends ScannerConformance {

    @Override
    protected PluginUnderTest plugin() {
        String list = Fixtures.text("${ecosystem}/list-upgrades.txt");
        String listCommand = String.join(" ", ${classPrefix}Scanner.LIST);
        return PluginUnderTest.of(new ${classPrefix}Descriptor())
                .scanner(${classPrefix}Scanner::new)
                .scanOutput(list)
                .dryRunOutput(list)
                .scan(r -> r.answer(listCommand, list))
                .dryRun(List.of("firefox"), r -> r.answer(listCommand, list),
                        r -> r.answer(listCommand, list.replace("125.0.2", "125.0.3")),
                        String.join(" ", ${classPrefix}Scanner.UPGRADE))
                .versions("1.0.0", "1.0.1", "2.0.0-rc.1", "2.0.0");
    }
}

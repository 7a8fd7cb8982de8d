package ${package}.internal;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.text.ToolText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads "${tool} list-upgrades": one line per package, "NAME INSTALLED AVAILABLE", other lines ignored. Total: any
 * output gives a list or a ScanException, never another exception. Adapt it to what your tool prints — and keep a
 * capture of each form in src/test/resources/${ecosystem}/.
 */
final class ${classPrefix}ListParser {

    /** Beyond this the output cannot be a listing: refused instead of read. */
    static final int MAX_CHARS = 8_000_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,254}");
    /** A version holds a digit: a header ("NAME INSTALLED AVAILABLE") or a sentence of three words does not. */
    private static final Pattern VERSION = Pattern.compile("\\S*\\d\\S*");

    private ${classPrefix}ListParser() {
    }

    static List<PackageUpdateDTO> parse(String output) throws ScanException {
        if (output == null || output.length() > MAX_CHARS) {
            throw new ScanException("not a ${tool} listing: " + (output == null ? "no output" : output.length() + " characters"));
        }
        Map<String, PackageUpdateDTO> byName = new LinkedHashMap<>();
        for (String line : ToolText.asShown(ToolText.repairMojibake(output))) {
            String[] f = line.strip().split("\\s+");
            if (f.length != 3 || !NAME.matcher(f[0]).matches() || ToolText.isCut(f[0]) || !VERSION.matcher(f[1]).matches()
                    || !VERSION.matcher(f[2]).matches()) {
                continue; // a header, a progress line, a cut name: not an update
            }
            PackageUpdateDTO u = new PackageUpdateDTO();
            u.id = f[0];
            u.name = f[0];
            u.installedVersion = f[1];
            u.availableVersion = f[2];
            byName.putIfAbsent(u.id, u);
        }
        return new ArrayList<>(byName.values());
    }
}

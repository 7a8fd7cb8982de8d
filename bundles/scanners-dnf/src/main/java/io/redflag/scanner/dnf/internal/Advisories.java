// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.dnf.internal;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.Severity;
import io.redflag.scanner.UpdateClass;
import io.redflag.scanner.dnf.internal.AdvisoryListParser.AdvisoryRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Attaches advisory ids, CVE ids, severities and the security flag to the updates they concern. */
final class Advisories {

    private Advisories() {}

    /**
     * Matches rows to updates by name and architecture. The advisory's package version may be older than
     * the available one (a later build still carries the fix), so versions are not compared.
     *
     * @param advisories rows of {@code updateinfo list --updates}
     * @param cves rows of {@code updateinfo list --updates --with-cve}: their id is a CVE id
     * @return how many rows named no listed update
     */
    static int apply(List<PackageUpdateDTO> updates, List<AdvisoryRow> advisories, List<AdvisoryRow> cves) {
        Map<String, PackageUpdateDTO> byNa = new HashMap<>();
        for (PackageUpdateDTO u : updates) {
            byNa.put(u.name + "." + u.architecture, u);
        }
        int unmatched = 0;
        for (AdvisoryRow row : advisories) {
            PackageUpdateDTO u = find(byNa, row);
            if (u == null) {
                unmatched++;
                continue;
            }
            addOnce(u.advisories, row.id());
            applySeverity(u, row);
        }
        for (AdvisoryRow row : cves) {
            PackageUpdateDTO u = find(byNa, row);
            if (u == null) {
                unmatched++;
                continue;
            }
            addOnce(u.cves, row.id());
            applySeverity(u, row);
        }
        return unmatched;
    }

    private static PackageUpdateDTO find(Map<String, PackageUpdateDTO> byNa, AdvisoryRow row) {
        Optional<Nevra> n = Nevra.parse(row.nevra());
        return n.map(nevra -> byNa.get(nevra.na())).orElse(null);
    }

    private static void applySeverity(PackageUpdateDTO u, AdvisoryRow row) {
        if ("security".equalsIgnoreCase(row.type())) {
            u.security = true;
        }
        UpdateClass c = UpdateClass.fromLabel(row.type());
        // a package fixed by several advisories is as serious as the most serious kind among them
        if (u.classification == null || c.ordinal() < u.classification.ordinal()) {
            u.classification = c;
        }
        Severity s = Severity.fromLabel(row.severity());
        // CRITICAL is declared first and UNKNOWN last: the lower ordinal is the graver one
        if (u.severity == null || s.ordinal() < u.severity.ordinal()) {
            u.severity = s;
        }
    }

    private static void addOnce(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}

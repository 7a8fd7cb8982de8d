// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.apt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.redflag.scanner.PackageUpdateDTO;
import io.redflag.scanner.ScanException;
import io.redflag.scanner.Severity;
import io.redflag.scanner.testkit.Fixtures;
import io.redflag.version.VersionOrderings;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link AptListParser} on {@code apt list --upgradable} captured on a Debian 12 host (see apt/CAPTURES.md). */
class AptListParserTest {

    private static Map<String, PackageUpdateDTO> byId(List<PackageUpdateDTO> updates) {
        return updates.stream().collect(Collectors.toMap(u -> u.id, Function.identity()));
    }

    @Test
    void readsEveryLineOfARealListing() throws ScanException {
        List<PackageUpdateDTO> updates = AptListParser.parse(Fixtures.text("apt/list-upgradable.stdout"), "amd64").updates();

        // 137 lines: "Listing..." and 136 packages; 81 of them come from a -security pocket
        assertThat(updates).hasSize(136);
        assertThat(updates).filteredOn(u -> u.security).hasSize(81);
        assertThat(updates).allSatisfy(u -> {
            assertThat(u.id).isEqualTo(u.name).doesNotContain("/");
            // every candidate really is newer than what is installed, by dpkg's rules
            assertThat(VersionOrderings.DPKG.compare(u.availableVersion, u.installedVersion)).isPositive();
            assertThat(u.downloadSize).isNull();
            assertThat(u.rebootRequired).isFalse();
        });
    }

    @Test
    void takesSuitesVersionsAndArchitectureFromEachLine() throws ScanException {
        Map<String, PackageUpdateDTO> u = byId(AptListParser.parse(Fixtures.text("apt/list-upgradable.stdout"), "amd64").updates());

        // krb5-locales/oldstable,oldstable-security 1.20.1-2+deb12u5 all [upgradable from: 1.20.1-2+deb12u3]
        assertThat(u.get("krb5-locales")).extracting(x -> x.source, x -> x.availableVersion, x -> x.installedVersion,
                x -> x.architecture, x -> x.security, x -> x.severity)
                .containsExactly("oldstable,oldstable-security", "1.20.1-2+deb12u5", "1.20.1-2+deb12u3", "all", true,
                        Severity.IMPORTANT);
        // epochs stay part of the version
        assertThat(u.get("libnss3")).extracting(x -> x.availableVersion, x -> x.installedVersion, x -> x.security)
                .containsExactly("2:3.87.1-1+deb12u4", "2:3.87.1-1+deb12u2", true);
        // a point-release update: a bug fix, not a severity nobody knows
        assertThat(u.get("login")).extracting(x -> x.source, x -> x.availableVersion, x -> x.security, x -> x.severity,
                x -> x.classification).containsExactly("oldstable", "1:4.13+dfsg1-1+deb12u2", false, Severity.LOW,
                        io.redflag.scanner.UpdateClass.BUGFIX);
        assertThat(u.get("krb5-locales").classification).isEqualTo(io.redflag.scanner.UpdateClass.SECURITY);
        assertThat(u.values()).as("where apt names a pocket, nothing is UNKNOWN")
                .noneSatisfy(x -> assertThat(x.severity).isEqualTo(Severity.UNKNOWN));
        assertThat(u.get("ca-certificates")).extracting(x -> x.availableVersion, x -> x.installedVersion)
                .containsExactly("20250419~deb12u2", "20230311+deb12u1");
        assertThat(u.get("libevent-2.1-7").installedVersion).isEqualTo("2.1.12-stable-8");
        assertThat(u.get("bash")).extracting(x -> x.source, x -> x.severity).containsExactly("oldstable", Severity.LOW);
    }

    @Test
    void ignoresTheStderrWarningInACombinedCapture() throws ScanException {
        String combined = Fixtures.text("apt/list-upgradable.combined");
        assertThat(combined).contains("WARNING: apt does not have a stable CLI interface");

        AptListParser.Listing listing = AptListParser.parse(combined, "amd64");

        assertThat(listing.updates()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(AptListParser.parse(Fixtures.text("apt/list-upgradable.stdout"), "amd64").updates());
        assertThat(listing.notes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"list-upgradable-de.stdout", "list-upgradable-fr.stdout"})
    void readsTranslatedListingsLikeTheCLocaleOne(String fixture) throws ScanException {
        // "Auflistung…" / "En train de lister…", "[aktualisierbar von: …]" / "[pouvant être mis à jour depuis : …]"
        List<PackageUpdateDTO> translated = AptListParser.parse(Fixtures.text("apt/" + fixture), "amd64").updates();

        assertThat(translated).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(AptListParser.parse(Fixtures.text("apt/list-upgradable.stdout"), "amd64").updates());
    }

    @Test
    void qualifiesForeignArchitecturePackagesWithTheirArchitecture() throws ScanException {
        // apt list prints "libssl3/oldstable-security 3.0.22-1~deb12u2 i386 […]" without ":i386"
        List<PackageUpdateDTO> updates = AptListParser.parse(Fixtures.text("apt/sandbox/list.stdout"), "amd64").updates();

        assertThat(updates).hasSize(139);
        assertThat(updates).filteredOn(u -> u.name.equals("libssl3"))
                .extracting(u -> u.id, u -> u.architecture, u -> u.installedVersion, u -> u.availableVersion)
                .containsExactlyInAnyOrder(
                        tuple("libssl3", "amd64", "3.0.19-1~deb12u2", "3.0.22-1~deb12u2"),
                        tuple("libssl3:i386", "i386", "3.0.19-1~deb12u2", "3.0.22-1~deb12u2"));
        // "all" is never foreign
        assertThat(byId(updates).get("krb5-locales").architecture).isEqualTo("all");
        assertThat(byId(updates).get("gzip").source).isEqualTo("rf-phasing-test");
    }

    @Test
    void guessesTheNativeArchitectureFromTheListingWhenNotTold() throws ScanException {
        List<PackageUpdateDTO> updates = AptListParser.parse(Fixtures.text("apt/sandbox/list.stdout"), null).updates();

        assertThat(updates).extracting(u -> u.id).contains("libssl3", "libssl3:i386", "openssl");
    }

    @Test
    void anEmptyListingIsNoUpdates() throws ScanException {
        assertThat(AptListParser.parse("Listing...\n", "amd64").updates()).isEmpty();
        assertThat(AptListParser.parse("Listing... Done\n", "amd64").updates()).isEmpty();
        assertThat(AptListParser.parse("", "amd64").updates()).isEmpty();
        assertThat(AptListParser.parse("\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n"
                + "Auflistung…\n", "amd64").updates()).isEmpty();
    }

    @Test
    void readsTheInstalledFormAndTerminalColours() throws ScanException {
        // apt list --installed, pasted from a terminal: the bracket names the candidate instead
        String line = "\u001B[32mopenssl\u001B[0m/now 3.0.19-1~deb12u2 amd64 [installed,upgradable to: 3.0.22-1~deb12u2]\n"
                + "zlib1g/oldstable,now 1:1.2.13.dfsg-1 amd64 [installed]\n";

        List<PackageUpdateDTO> updates = AptListParser.parse(line, "amd64").updates();

        assertThat(updates).singleElement()
                .extracting(u -> u.id, u -> u.installedVersion, u -> u.availableVersion, u -> u.source)
                .containsExactly("openssl", "3.0.19-1~deb12u2", "3.0.22-1~deb12u2", "now");
    }

    @Test
    void refusesTextThatIsNotAptListOutput() {
        assertThatThrownBy(() -> AptListParser.parse("Last metadata expiration check: 0:12:03 ago\nbash.x86_64  5.2.26-3.fc40  updates\n", null))
                .isInstanceOf(ScanException.class).hasMessageContaining("not apt list output");
    }

    @Test
    void anAptErrorIsNotAnEmptyListing() {
        assertThatThrownBy(() -> AptListParser.parse("Listing...\nE: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\n", null))
                .isInstanceOf(ScanException.class).hasMessageContaining("Could not open lock file");
    }

    @Test
    void keepsAnUnexpectedLineAsANoteWhenTheRestIsReadable() throws ScanException {
        AptListParser.Listing listing = AptListParser.parse("Listing...\nbash/oldstable 5.2.15-2+b13 amd64 [upgradable from: 5.2.15-2+b8]\n"
                + "something new from a future apt\nN: There is 1 additional version. Please use the '-a' switch to see it\n", "amd64");

        assertThat(listing.updates()).extracting(u -> u.id).containsExactly("bash");
        assertThat(listing.notes()).containsExactly("There is 1 additional version. Please use the '-a' switch to see it",
                "ignored an unexpected line of apt list: something new from a future apt");
    }

    @Test
    void recognisesEverySecurityPocketSpelling() {
        assertThat(AptListParser.isSecurityPocket("jammy-updates,jammy-security")).isTrue();
        assertThat(AptListParser.isSecurityPocket("noble-infra-security")).isTrue();
        assertThat(AptListParser.isSecurityPocket("stable-security")).isTrue();
        assertThat(AptListParser.isSecurityPocket("bookworm-updates")).isFalse();
        assertThat(AptListParser.isSecurityPocket("security-tools")).isFalse();
    }
}

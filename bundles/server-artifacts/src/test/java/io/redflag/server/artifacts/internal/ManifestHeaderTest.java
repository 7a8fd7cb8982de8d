// SPDX-License-Identifier: Apache-2.0
package io.redflag.server.artifacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.server.artifacts.InvalidArtifactException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestHeaderTest {

    /** The header bnd wrote for our APT scanner, as read back from its manifest. */
    private static final String APT = "osgi.service;objectClass:List<String>=\"io.redflag.scanner.PackageScanner\";"
            + "uses:=\"io.redflag.scanner\",osgi.service;objectClass:List<String>=\"io.redflag.scanner.SubsystemDescriptor\";"
            + "uses:=\"io.redflag.scanner\",io.redflag.scanner;ecosystem=apt,io.redflag.subsystem;ecosystem=apt";

    @Test
    void readsTheClausesBndWrites() {
        List<ManifestHeader.Clause> clauses = ManifestHeader.parse(APT);
        assertThat(clauses).extracting(ManifestHeader.Clause::name)
                .containsExactly("osgi.service", "osgi.service", "io.redflag.scanner", "io.redflag.subsystem");
        assertThat(clauses.get(1).attributes()).containsEntry("objectClass", "io.redflag.scanner.SubsystemDescriptor");
        assertThat(clauses.get(1).directives()).containsEntry("uses", "io.redflag.scanner");
        assertThat(clauses.get(3).attributes()).containsEntry("ecosystem", "apt");
    }

    @Test
    void quotedValuesKeepCommasSemicolonsAndEscapes() {
        List<ManifestHeader.Clause> clauses = ManifestHeader.parse("ns;a=\"x,y;z\";b=\"say \\\"hi\\\"\" , other");
        assertThat(clauses).hasSize(2);
        assertThat(clauses.get(0).attributes()).containsEntry("a", "x,y;z").containsEntry("b", "say \"hi\"");
        assertThat(clauses.get(1).name()).isEqualTo("other");
    }

    @Test
    void absentOrBlankHeadersHaveNoClauses() {
        assertThat(ManifestHeader.parse(null)).isEmpty();
        assertThat(ManifestHeader.parse("  ")).isEmpty();
    }

    @Test
    void badSyntaxIsRefusedNamingWhere() {
        assertThatThrownBy(() -> ManifestHeader.parse("ns;a=\"open")).isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining("unterminated");
        assertThatThrownBy(() -> ManifestHeader.parse("ns;a")).isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining("'a' has no value");
        assertThatThrownBy(() -> ManifestHeader.parse("ns;=1")).isInstanceOf(InvalidArtifactException.class)
                .hasMessageContaining("character");
        assertThatThrownBy(() -> ManifestHeader.parse("ns;a=1;;")).isInstanceOf(InvalidArtifactException.class);
    }
}

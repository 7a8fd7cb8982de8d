// SPDX-License-Identifier: Apache-2.0
package io.redflag.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class PostgresBinariesTest {

    @TempDir
    Path work;

    @Test
    void thePinnedDigestIsTheOneOfTheArchiveThisBuildShips() throws Exception {
        byte[] shipped;
        try (var in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "x86_64")) {
            shipped = in.readAllBytes();
        }
        String digest = PostgresBinaries.hex("SHA-256", shipped);
        assertThat(PostgresBinaries.PINNED).as("update PostgresBinaries.PINNED to the new binaries' digest " + digest)
                .contains(digest);
    }

    @Test
    void anArchiveThisBuildDoesNotPinIsRefusedBeforeAnythingIsUnpacked() {
        PostgresBinaries binaries = new PostgresBinaries((s, a) -> new ByteArrayInputStream(new byte[] {1, 2, 3}), Set.of("00"));
        assertThatThrownBy(() -> binaries.getPgBinary("Linux", "x86_64")).hasMessageContaining("does not ship")
                .hasMessageContaining(PostgresBinaries.hex("SHA-256", new byte[] {1, 2, 3}));
        PostgresBinaries none = new PostgresBinaries((s, a) -> null, Set.of());
        assertThatThrownBy(() -> none.getPgBinary("Plan9", "mips")).hasMessageContaining("--db-url");
    }

    @Test
    void unpackedFilesThatDifferFromTheArchiveAreFoundAndRemoved() throws Exception {
        byte[] archive = txz("bin/postgres", "real postgres", "lib/libpq.so", "real lib");
        PostgresBinaries binaries = new PostgresBinaries((s, a) -> new ByteArrayInputStream(archive),
                Set.of(PostgresBinaries.hex("SHA-256", archive)));
        assertThat(binaries.verifyUnpacked(work, "Linux", "x86_64")).as("nothing unpacked yet").isEmpty();

        Path unpacked = work.resolve("PG-" + PostgresBinaries.hex("MD5", archive));
        unpack(unpacked, "bin/postgres", "real postgres", "lib/libpq.so", "real lib");
        assertThat(binaries.verifyUnpacked(work, "Linux", "x86_64")).as("unpacked by someone else: no record")
                .containsExactly("no record of what was unpacked");
        assertThat(unpacked).doesNotExist();

        unpack(unpacked, "bin/postgres", "real postgres", "lib/libpq.so", "real lib");
        binaries.recordUnpacked(work, "Linux", "x86_64");
        Files.writeString(unpacked.resolve(".exists"), "");
        assertThat(binaries.verifyUnpacked(work, "Linux", "x86_64")).isEmpty();
        assertThat(unpacked).exists();

        Files.writeString(unpacked.resolve("bin/postgres"), "swapped");
        Files.writeString(unpacked.resolve("lib/evil.so"), "added");
        assertThat(binaries.verifyUnpacked(work, "Linux", "x86_64")).containsExactlyInAnyOrder("changed bin/postgres",
                "added lib/evil.so");
        assertThat(unpacked).as("removed, to be unpacked again from the verified archive").doesNotExist();

        unpack(unpacked, "bin/postgres", "real postgres", "lib/libpq.so", "real lib");
        binaries.recordUnpacked(work, "Linux", "x86_64");
        Files.delete(unpacked.resolve("lib/libpq.so"));
        assertThat(binaries.verifyUnpacked(work, "Linux", "x86_64")).containsExactly("missing lib/libpq.so");
    }

    private static void unpack(Path root, String... namesAndTexts) throws Exception {
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            Path f = root.resolve(namesAndTexts[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, namesAndTexts[i + 1]);
        }
    }

    private static byte[] txz(String... namesAndTexts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(out, new LZMA2Options()))) {
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                byte[] data = namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(namesAndTexts[i]);
                e.setSize(data.length);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.system.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redflag.scanner.ScanException;
import io.redflag.scanner.system.internal.HostProbe.FsUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

class DfParserTest {

    @Test
    void readsCapturedDfOutput() throws Exception {
        List<FsUsage> fs = DfParser.parse(Captured.text("df-P-k.txt"));

        assertThat(fs).extracting(FsUsage::mount).containsExactly("/", "/dev", "/dev/shm", "/sys/fs/cgroup");
        FsUsage root = fs.get(0);
        assertThat(root.volume()).isEqualTo("/dev/vda");
        assertThat(root.type()).isNull();
        assertThat(root.total()).isEqualTo(264212084L * 1024);
        assertThat(root.used()).isEqualTo(24264776L * 1024);
        assertThat(root.usable()).isEqualTo(82126136L * 1024);
    }

    @Test
    void headerAloneIsAnEmptyListing() throws Exception {
        assertThat(DfParser.parse("Filesystem     1024-blocks     Used Available Capacity Mounted on\n")).isEmpty();
    }

    @Test
    void keepsSpacesInMountPointsAndScales512ByteBlocks() throws Exception {
        String out = "Filesystem 512-blocks Used Available Capacity Mounted on\n"
                + "/dev/sdb1 2000 500 1500 25% /media/My Disk\n";

        FsUsage fs = DfParser.parse(out).get(0);

        assertThat(fs.mount()).isEqualTo("/media/My Disk");
        assertThat(fs.total()).isEqualTo(2000L * 512);
        assertThat(fs.usable()).isEqualTo(1500L * 512);
    }

    @Test
    void refusesTextThatIsNotDfOutput() {
        assertThatThrownBy(() -> DfParser.parse("")).isInstanceOf(ScanException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> DfParser.parse(Captured.text("proc-meminfo.txt")))
                .isInstanceOf(ScanException.class).hasMessageContaining("header");
        // df -h output: sizes with units, not 1024-byte blocks
        assertThatThrownBy(() -> DfParser.parse("Filesystem      Size  Used Avail Use% Mounted on\n"
                + "/dev/vda        252G   24G   79G  23% /\n")).isInstanceOf(ScanException.class);
        assertThatThrownBy(() -> DfParser.parse("Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                + "/dev/vda 264212084 24G 82126136 23% /\n"))
                .isInstanceOf(ScanException.class).hasMessageContaining("line 2");
    }
}

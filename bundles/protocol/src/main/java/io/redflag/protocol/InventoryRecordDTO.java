// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import io.redflag.scanner.Severity;
import io.redflag.scanner.SubsystemKind;
import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** A pending update ({@code /agents/{id}/updates}) or a reading of the host ({@code /agents/{id}/metrics}). */
public class InventoryRecordDTO extends DTO {
    public String ecosystem;
    /** Whether this is an installable update or a reading; stored with the record. */
    public SubsystemKind kind;
    public String id;
    public String name;
    public String installedVersion;
    public String availableVersion;
    public String source;
    public String architecture;
    public Severity severity;
    public boolean security;
    public List<String> advisories = new ArrayList<>();
    public List<String> cves = new ArrayList<>();
    public Long downloadSize;
    public boolean rebootRequired;
    public String firstSeenAt;
    public String lastSeenAt;
}

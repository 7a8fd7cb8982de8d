// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** One pending update. Public fields, no behaviour; adding a field is a minor change. */
public class PackageUpdateDTO extends DTO {
    /** What dry runs and installs are asked for: the package name, name:arch, image ref, winget Id, UpdateID. */
    public String id;
    /** Human-readable name (may be truncated by the tool, as winget does). */
    public String name;
    public String installedVersion;
    public String availableVersion;
    /** Repository, pocket, registry or catalogue the update comes from. */
    public String source;
    public String architecture;
    public Severity severity = Severity.UNKNOWN;
    /** True when the update comes from a security channel even if no severity is known. */
    public boolean security;
    /** What kind of change it is, where the source says (a security pocket, an advisory's type); since 1.1. */
    public UpdateClass classification = UpdateClass.UNKNOWN;
    /** Advisory ids (FEDORA-2024-…, RHSA-…, KB…, DSA-…). */
    public List<String> advisories = new ArrayList<>();
    /** CVE ids. */
    public List<String> cves = new ArrayList<>();
    /** Download size in bytes, or null when the tool does not say. */
    public Long downloadSize;
    /** True when installing it needs a reboot to take effect. */
    public boolean rebootRequired;
}

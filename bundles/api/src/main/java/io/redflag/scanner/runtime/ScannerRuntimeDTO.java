// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner.runtime;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** The scanner plug-ins of a runtime: those that work, where they apply, and those that do not, with why. */
public class ScannerRuntimeDTO extends DTO {
    /** This host's OS family ("linux", "windows", "darwin"). */
    public String osFamily;
    /** Ecosystems with a working scanner (or reader) and descriptor, sorted. */
    public List<String> active = new ArrayList<>();
    /** Those of {@link #active} whose subsystem runs on {@link #osFamily}: what the agent offers the server. */
    public List<String> applicable = new ArrayList<>();
    /** Plug-ins present but not working. */
    public List<FailedScannerDTO> failed = new ArrayList<>();
}

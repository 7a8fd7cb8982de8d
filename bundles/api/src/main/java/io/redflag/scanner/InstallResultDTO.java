// SPDX-License-Identifier: Apache-2.0
package io.redflag.scanner;

import java.util.ArrayList;
import java.util.List;
import org.osgi.dto.DTO;

/** What an install did. */
public class InstallResultDTO extends DTO {
    public boolean success;
    public int exitCode;
    /** A one-line summary for the operator. */
    public String message;
    /** The installer's output, trimmed by the platform if very long. */
    public String output;
    /** Package ids that are now at their new version. */
    public List<String> installed = new ArrayList<>();
    public boolean rebootRequired;
}

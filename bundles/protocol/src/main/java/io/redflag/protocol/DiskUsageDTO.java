// SPDX-License-Identifier: Apache-2.0
package io.redflag.protocol;

import org.osgi.dto.DTO;

/** One local file system of a host, sizes in bytes. */
public class DiskUsageDTO extends DTO {
    public String mount;
    /** The file-system type ("ext4", "NTFS"); null when unknown. */
    public String type;
    public long totalBytes;
    /** Bytes an unprivileged user can still write. */
    public long usableBytes;
}

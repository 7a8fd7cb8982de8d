#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Builds a throw-away APT sandbox (own sources, lists, cache and dpkg status copy) so that real
# apt/apt-get output can be captured for states this host is not in: a foreign-architecture
# (i386) package, a held package (kept back) and a phased update. Nothing outside $SB is changed.
set -eu
SB=${SB:-/tmp/aptcap/sb}
mkdir -p "$SB/lists/partial" "$SB/cache/archives/partial" "$SB/parts" "$SB/repo"

# Real archives (amd64 everywhere, i386 only for bookworm-security) plus a local flat repo.
cat > "$SB/sources.list" <<SRC
deb [arch=amd64] http://deb.debian.org/debian bookworm main
deb [arch=amd64] http://deb.debian.org/debian bookworm-updates main
deb [arch=amd64,i386] http://deb.debian.org/debian-security bookworm-security main
deb [trusted=yes] file:$SB/repo ./
SRC

# SYNTHETIC: the local repo offers newer gzip and tar builds that are in a phased roll-out.
# The version strings are invented; no such .deb exists (simulation never downloads).
cat > "$SB/repo/Packages" <<PKG
Package: gzip
Version: 1.12-1+rf1
Architecture: amd64
Essential: yes
Pre-Depends: libc6 (>= 2.34)
Filename: pool/gzip_1.12-1+rf1_amd64.deb
Size: 1000
Description: GNU compression utilities (synthetic phased build)
Phased-Update-Percentage: 0

Package: tar
Version: 1.34+dfsg-1.2+deb12u1+rf1
Architecture: amd64
Essential: yes
Pre-Depends: libacl1 (>= 2.2.23), libc6 (>= 2.34), libselinux1 (>= 3.1~)
Filename: pool/tar_1.34+dfsg-1.2+deb12u1+rf1_amd64.deb
Size: 1000
Description: GNU version of the tar archiving utility (synthetic phased build)
Phased-Update-Percentage: 10
PKG
cat > "$SB/repo/Release" <<REL
Origin: RedFlag-Test
Label: RedFlag-Test
Suite: rf-phasing-test
Codename: rf-phasing-test
Date: $(LC_ALL=C date -u '+%a, %d %b %Y %H:%M:%S UTC')
SHA256:
 $(sha256sum "$SB/repo/Packages" | cut -d' ' -f1) $(wc -c < "$SB/repo/Packages") Packages
REL

# SYNTHETIC STATE: a copy of this host's dpkg status, with curl on hold and libssl3 (plus the
# libraries it needs) also installed for i386, at the same versions as the amd64 ones.
python3 - "$SB/status" <<'PY'
import sys
stanzas = open('/var/lib/dpkg/status', encoding='utf-8').read().strip('\n').split('\n\n')
out, foreign = [], []
for s in stanzas:
    fields = dict(l.split(': ', 1) for l in s.split('\n') if ': ' in l and not l.startswith(' '))
    name, arch = fields.get('Package'), fields.get('Architecture')
    if name == 'curl':
        s = s.replace('Status: install ok installed', 'Status: hold ok installed')
    out.append(s)
    if name in ('libc6', 'libgcc-s1', 'gcc-12-base', 'libssl3') and arch == 'amd64':
        foreign.append(s.replace('Architecture: amd64', 'Architecture: i386'))
open(sys.argv[1], 'w', encoding='utf-8').write('\n\n'.join(out + foreign) + '\n')
PY

cat > "$SB/apt.conf" <<CONF
Dir::Etc::sourcelist "$SB/sources.list";
Dir::Etc::sourceparts "$SB/parts";
Dir::State::Lists "$SB/lists";
Dir::State::status "$SB/status";
Dir::Cache "$SB/cache";
APT::Architectures { "amd64"; "i386"; };
Debug::NoLocking "true";
CONF

# Reuse the lists this host already fetched (same URIs, so same file names).
cp -n /var/lib/apt/lists/*_Packages* /var/lib/apt/lists/*_InRelease "$SB/lists/" 2>/dev/null || true
APT_CONFIG="$SB/apt.conf" apt-get update || true
# On the capture host the mirror's binary-i386 Packages.xz did not match its InRelease
# ("Mirror sync in progress?"), so apt ignored it; fetch it unverified instead. It is still
# the archive's real i386 index, only apt did not check its hash.
I386="$SB/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-i386_Packages"
if ! ls "$I386"* >/dev/null 2>&1; then
    curl -s http://deb.debian.org/debian-security/dists/bookworm-security/main/binary-i386/Packages.xz | xz -dc > "$I386"
fi

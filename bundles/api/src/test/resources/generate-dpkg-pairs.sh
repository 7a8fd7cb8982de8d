#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Regenerates dpkg-pairs.tsv: version pairs taken from this host's APT lists and dpkg database,
# each judged by dpkg itself (`dpkg --compare-versions`), the oracle DpkgVersionOrderingTest
# checks VersionOrderings.DPKG against. Run it on a Debian or Ubuntu host whose lists are
# fresh (`apt-get update`); it changes nothing on the host.
#
#   sh generate-dpkg-pairs.sh > dpkg-pairs.tsv
#
# Which pairs (the selection is seeded, so the same lists give the same file):
#   1. hand-picked classic cases (tilde, epoch, binNMU, revision-less, leading zeros, ...);
#   2. every package with more than one version across the configured suites (for example
#      bookworm, bookworm-updates, bookworm-security) plus the installed one: its versions,
#      newest and oldest first, which are the comparisons an updater really makes;
#   3. random pairs among "interesting" versions (epoch, '~', '+', letters, several '-'),
#      each paired with a version of the same upstream prefix so they do not differ at the
#      first digit only;
#   4. each pair also reversed once in a while, and some versions compared with themselves.
set -eu

LC_ALL=C
export LC_ALL
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# "package<TAB>version" for every stanza of every downloaded Packages index, and for what is installed.
for f in /var/lib/apt/lists/*_Packages /var/lib/apt/lists/*_Packages.*; do
    [ -e "$f" ] || continue
    /usr/lib/apt/apt-helper cat-file "$f"
done | awk -F': ' '/^Package: /{p=$2} /^Version: /{print p "\t" $2}' > "$WORK/avail"
dpkg-query -W -f='${Package}\t${Version}\n' >> "$WORK/avail"
sort -u "$WORK/avail" -o "$WORK/avail"

python3 - "$WORK/avail" > "$WORK/pairs" <<'PY'
import random
import re
import sys

rng = random.Random(20241123)
by_pkg = {}
for line in open(sys.argv[1], encoding='utf-8'):
    pkg, _, ver = line.rstrip('\n').partition('\t')
    if ver:
        by_pkg.setdefault(pkg, set()).add(ver)

pairs = []
# 1. classic cases: the documented rules of deb-version(7) and a few traps
pairs += [
    ('1.0~rc1', '1.0'), ('1:0.1', '2.0'), ('1.0-1', '1.0-1+b1'), ('1.0~~', '1.0~'),
    ('1.0~', '1.0'), ('1.0', '1.0+dfsg'), ('1.0', '1.0.0'), ('1.0', '1.0-0'), ('0:1.0', '1.0'),
    ('1.0a', '1.0'), ('1.0a', '1.0+'), ('1.0.a', '1.0a'), ('1.01', '1.1'), ('1.001', '1.1'),
    ('1.10', '1.9'), ('2.0-1', '2.0-1ubuntu1'), ('2.0-1ubuntu1', '2.0-1build1'),
    ('7.88.1-10+deb12u5', '7.88.1-10+deb12u14'), ('3.0.11-1~deb12u2', '3.0.11-1'),
    ('1.2.3-1~bpo12+1', '1.2.3-1'), ('2:1.0', '1:9.9'), ('10:1', '9:1'), ('1.0-1-1', '1.0-1-2'),
    ('1.0-a', '1.0-1'), ('1.0', '1.0'), ('1:1.0-1', '1:1.0-1'),
]
# 2. versions of the same package, as an updater compares them
multi = sorted(p for p, vs in by_pkg.items() if len(vs) > 1)
for pkg in rng.sample(multi, min(120, len(multi))):
    vs = sorted(by_pkg[pkg])
    a, b = rng.sample(vs, 2)
    pairs.append((a, b))
# 3. interesting versions against a version with the same upstream prefix
every = sorted({v for vs in by_pkg.values() for v in vs})
interesting = [v for v in every
               if re.search(r'^\d+:|~|\+|[a-zA-Z].*-|-.*-|\.0\d', v)]
by_prefix = {}
for v in every:
    by_prefix.setdefault(re.sub(r'^\d+:', '', v)[:3], []).append(v)
for v in rng.sample(interesting, min(190, len(interesting))):
    pool = by_prefix[re.sub(r'^\d+:', '', v)[:3]]
    w = rng.choice(pool)
    pairs.append((v, w) if rng.random() < 0.5 else (w, v))
# 4. reflexive cases
for v in rng.sample(interesting, 10):
    pairs.append((v, v))

seen = set()
for a, b in pairs:
    if (a, b) not in seen:
        seen.add((a, b))
        print(a + '\t' + b)
PY

printf 'a\tb\texpected\n'
while IFS="$(printf '\t')" read -r a b; do
    if dpkg --compare-versions "$a" lt "$b"; then e=-1
    elif dpkg --compare-versions "$a" eq "$b"; then e=0
    else e=1
    fi
    printf '%s\t%s\t%s\n' "$a" "$b" "$e"
done < "$WORK/pairs"

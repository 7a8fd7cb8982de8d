#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""
Writes the RECONSTRUCTED dnf robustness fixtures of this folder (README.md says what each one is).
Each is derived from a fixture one folder up (itself reconstructed from dnf's formatting code, see the
module README): translated with the real strings of dnf's po/de.po, po/ja.po and po/zh_CN.po
(rpm-software-management/dnf; dnf4 prints the "Security: ..." lines untranslated, cli.py), broken by a
narrow terminal, decoded in a wrong code page, duplicated, or mixed with terminal noise. The package
rows stay those of the source file, so a correct parser gives exactly the source file's updates.
Run: python3 generate-robustness.py (writes next to itself).
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
UP = os.path.join(HERE, "..")
DNF4 = open(os.path.join(UP, "reconstructed-dnf4-check-update-wrapped.txt"), encoding="utf-8").read()
DNF5 = open(os.path.join(UP, "reconstructed-dnf5-check-upgrade.txt"), encoding="utf-8").read()
CHECK = "Last metadata expiration check: 0:43:12 ago on Tue 14 May 2024 09:12:33 AM UTC."
TRANSLATIONS = {
    "de": ("Letzte Pr\u00fcfung auf abgelaufene Metadaten: vor 0:43:12 am Di 14 Mai 2024 09:12:33 UTC.",
           "Veraltete Pakete"),
    "ja": ("\u30e1\u30bf\u30c7\u30fc\u30bf\u306e\u671f\u9650\u5207\u308c\u306e\u6700\u7d42\u78ba\u8a8d: 0:43:12 \u524d\u306e "
           "2024\u5e745\u670814\u65e5 09\u664212\u520633\u79d2 \u306b\u5b9f\u65bd\u3057\u307e\u3057\u305f\u3002",
           "\u30d1\u30c3\u30b1\u30fc\u30b8\u306e\u5ec3\u6b62"),
    "zh_CN": ("\u4e0a\u6b21\u5143\u6570\u636e\u8fc7\u671f\u68c0\u67e5\uff1a0:43:12 \u524d\uff0c\u6267\u884c\u4e8e "
              "2024\u5e7405\u670814\u65e5 \u661f\u671f\u4e8c 09\u65f612\u520633\u79d2\u3002",
              "\u53d6\u4ee3\u7684\u8f6f\u4ef6\u5305"),
}


def write(name, text=None, raw=None):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(raw if raw is not None else text.encode("utf-8"))


def windows_decode(data, codepage):
    out = []
    for b in data:
        try:
            out.append(bytes([b]).decode(codepage))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def wrap(text, width):
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out)


for lang, (check, obsoleting) in TRANSLATIONS.items():
    text = DNF4.replace(CHECK, check).replace("Obsoleting Packages", obsoleting)
    write("reconstructed-dnf4-check-update-%s.txt" % lang, text)
de = DNF4.replace(CHECK, TRANSLATIONS["de"][0]).replace("Obsoleting Packages", TRANSLATIONS["de"][1])
write("reconstructed-dnf4-check-update-de-mojibake-cp1252.txt", raw=windows_decode(de.encode("utf-8"), "cp1252").encode("utf-8"))
# an unknown translation of "Obsoleting Packages" (pt_BR-like words made up here): recognised by its indented, installed rows
write("reconstructed-dnf4-check-update-unknown-obsoleting-title.txt", DNF4.replace("Obsoleting Packages", "Pacotes obsoletos"))
write("reconstructed-dnf5-check-upgrade-wrapped40.txt", wrap(DNF5, 40))
write("reconstructed-dnf4-check-update-duplicated.txt", DNF4 + DNF4)
lines = DNF5.split("\n")
noise = ("\x1b[1m\x1b[32m\u2714\x1b[0m fedora 100% |  12.3 MiB/s |  34.5 MiB |  00m03s\r"
         "\x1b[2K[1/2] updates 100% | 1.0 MiB/s | 2.0 MiB | 00m02s\n")
write("reconstructed-dnf5-check-upgrade-noise-noheader.txt", noise + "\n".join(lines[2:]))
# dnf never cuts a name (dnf5 lets libsmartcols truncate only the Repository column); a copy through a tool that
# does must still never give a cut name.arch as an id
write("reconstructed-dnf5-check-upgrade-cut-names.txt",
      DNF5.replace("python3.13.x86_64  ", "python3.13.x86\u2026  ").replace("qemu-img.x86_64", "qemu-img.x8..."))

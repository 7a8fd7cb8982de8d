#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""
Writes the RECONSTRUCTED apt robustness fixtures of this folder (README.md says what each one is).
Every file is derived from a REAL capture one folder up (../list-upgradable.stdout,
../list-upgradable-fr.stdout, ../sim-upgrade.stdout, Debian 12, apt 2.6.1): translated with the real
strings of apt's po/ja.po and po/zh_CN.po (Debian/apt), broken by a narrow terminal, decoded in a wrong
code page, stripped of its first line, duplicated, or mixed with terminal noise. The package lines stay
those of the capture, so a correct parser must give exactly the capture's updates.
Run: python3 generate-robustness.py (writes next to itself).
"""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
UP = os.path.join(HERE, "..")
LIST = open(os.path.join(UP, "list-upgradable.stdout"), encoding="utf-8").read()
LIST_FR = open(os.path.join(UP, "list-upgradable-fr.stdout"), "rb").read()
SIM = open(os.path.join(UP, "sim-upgrade.stdout"), encoding="utf-8").read()
BRACKET = re.compile(r"\[upgradable from: ([^\]]+)\]")


def write(name, text=None, raw=None):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(raw if raw is not None else text.encode("utf-8"))


def wrap(text, width):
    out = []
    for line in text.split("\n"):
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out)


def windows_decode(data, codepage):
    out = []
    for b in data:
        try:
            out.append(bytes([b]).decode(codepage))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


# ja.po: "Listing" = 一覧表示, "[upgradable from: %s]" = "[%s からアップグレード可]" (the version comes FIRST)
write("reconstructed-list-upgradable-ja.stdout",
      BRACKET.sub(lambda m: "[%s \u304b\u3089\u30a2\u30c3\u30d7\u30b0\u30ec\u30fc\u30c9\u53ef]" % m.group(1),
                  LIST.replace("Listing...", "\u4e00\u89a7\u8868\u793a...")))
# zh_CN.po: "Listing" = 正在列表, "[upgradable from: %s]" = "[可从该版本升级：%s]" (full-width colon)
write("reconstructed-list-upgradable-zh_CN.stdout",
      BRACKET.sub(lambda m: "[\u53ef\u4ece\u8be5\u7248\u672c\u5347\u7ea7\uff1a%s]" % m.group(1),
                  LIST.replace("Listing...", "\u6b63\u5728\u5217\u8868...")))
# `apt list --installed` in Japanese: "[installed,upgradable to: %s]" = "[インストール済み、%s にアップグレード可]",
# "[installed]" = "[インストール済み]", "[installed,automatic]" = "[インストール済み、自動]"
write("reconstructed-list-installed-ja.stdout",
      "\u4e00\u89a7\u8868\u793a...\n"
      "adduser/oldstable,now 3.134 all [\u30a4\u30f3\u30b9\u30c8\u30fc\u30eb\u6e08\u307f]\n"
      "apt/oldstable,now 2.6.1 amd64 [\u30a4\u30f3\u30b9\u30c8\u30fc\u30eb\u6e08\u307f\u3001"
      "2.6.2 \u306b\u30a2\u30c3\u30d7\u30b0\u30ec\u30fc\u30c9\u53ef]\n"
      "libnss3/oldstable,now 2:3.87.1-1+deb12u1 amd64 [\u30a4\u30f3\u30b9\u30c8\u30fc\u30eb\u6e08\u307f\u3001"
      "2:3.87.1-1+deb12u4 \u306b\u30a2\u30c3\u30d7\u30b0\u30ec\u30fc\u30c9\u53ef]\n"
      "libcap2/oldstable,now 1:2.66-4 amd64 [\u30a4\u30f3\u30b9\u30c8\u30fc\u30eb\u6e08\u307f\u3001\u81ea\u52d5]\n")
write("reconstructed-list-upgradable-wrapped80.stdout", wrap(LIST, 80))
# the same wrap where the copy dropped a blank at the end of a piece (cut exactly after a blank)
trimmed = "\n".join(l.rstrip(" ") for l in wrap(LIST, 80).split("\n"))
write("reconstructed-list-upgradable-wrapped80-trimmed.stdout", trimmed)
write("reconstructed-sim-upgrade-wrapped80.stdout", wrap(SIM, 80))
write("reconstructed-list-upgradable-fr-mojibake-cp1252.stdout",
      raw=windows_decode(LIST_FR, "cp1252").encode("utf-8"))
write("reconstructed-list-upgradable-noheader.stdout", LIST.split("\n", 1)[1])
write("reconstructed-list-upgradable-duplicated.stdout", LIST + LIST.split("\n", 1)[1].split("\n", 5)[5] + LIST)
lines = LIST.split("\n")
noisy = ("\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n"
         "Listing... 0%\rListing... 50%\rListing... Done\n"
         + "\n".join("\x1b[32m" + l.replace("/", "\x1b[0m/", 1) if "/" in l else l for l in lines[1:]))
write("reconstructed-list-upgradable-noise.stdout", noisy)

#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""
Writes the RECONSTRUCTED PSWindowsUpdate robustness fixtures of this folder (README.md says what each is).
Each is derived from a REAL sample one folder up: PSWindowsUpdate's own Get-WindowsUpdate help examples
(mgajda83/PSWindowsUpdate, copied from /work/shared/fixtures/windows-update): broken by a narrow terminal,
decoded in a wrong code page, stripped of its header, duplicated, with its titles in Japanese, or with a
KB column too narrow. CRLF is kept. Run: python3 generate-robustness.py (writes next to itself).
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
EX1 = open(os.path.join(HERE, "..", "pswindowsupdate-help-get-windowsupdate-example1-polish-titles.txt"), "rb").read()
EX3 = open(os.path.join(HERE, "..", "pswindowsupdate-help-get-windowsupdate-example3-remote-title-filter.txt"), "rb").read()
HEADER = "ComputerName Status     KB          Size Title\r\n------------ ------     --          ---- -----\r\n"


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
    for line in text.split("\r\n"):
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\r\n".join(out)


ex1 = EX1.decode("utf-8")
write("reconstructed-example1-wrapped70.txt", wrap(ex1, 70))
write("reconstructed-example1-mojibake-cp1252.txt", raw=windows_decode(EX1, "cp1252").encode("utf-8"))
write("reconstructed-example1-noheader.txt", ex1.replace(HEADER, ""))
rows = ex1.split(HEADER)[1]
write("reconstructed-example1-duplicated.txt", ex1 + rows.split("\r\n", 2)[0] + "\r\n" + rows.split("\r\n", 2)[1]
      + "\r\n\r\n" + HEADER + rows)
# Japanese titles (the real Japanese names of these KBs are not in the sample; written after Microsoft's
# Japanese catalogue style), cut by PowerShell 5.1 with "..." as the Polish ones are
ja = ex1
for polish, japanese in [
        ("Narz\u0119dzie Windows do usuwania z\u0142o\u015bliwego oprogramowania dla system\u00f3w Window...",
         "Windows \u60aa\u610f\u306e\u3042\u308b\u30bd\u30d5\u30c8\u30a6\u30a7\u30a2\u306e\u524a\u9664\u30c4\u30fc\u30eb x64 - v5.52 (KB890830)"),
        ("2017-08 Aktualizacja zbiorcza dla systemu Windows 10 Version 1607 dla syste...",
         "2017-08 x64 \u30d9\u30fc\u30b9 \u30b7\u30b9\u30c6\u30e0\u7528 Windows 10 Version 1607 \u306e\u7d2f\u7a4d\u66f4\u65b0\u30d7\u30ed\u30b0\u30e9\u30e0..."),
]:
    assert polish in ja, polish
    ja = ja.replace(polish, japanese)
write("reconstructed-example1-japanese-titles.txt", ja)
# a KB column too narrow for the id: PowerShell 7 cuts it with U+2026; such a row names no update
ex3 = EX3.decode("utf-8")
write("reconstructed-example3-cut-kb.txt", ex3.replace("KB4034658 ", "KB40346\u2026 ").replace("KB4033637 ", "KB40336\u2026 "))

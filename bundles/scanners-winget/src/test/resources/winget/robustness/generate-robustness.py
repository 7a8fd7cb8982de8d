#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""
Writes the RECONSTRUCTED winget robustness fixtures of this folder (see README.md) and their
.expected.json. Tables come from ../generate-reconstructed.py's re-implementation of winget-cli's
TableOutput.h; translated labels, footers and messages are the real strings of winget-cli's
Localization/Resources/<locale>/winget.resw (keys SearchName, SearchId, SearchVersion, AvailableHeader,
SearchSource, AvailableUpgrades, UpgradeAvailableForPinned, UpdateNotApplicable) at commit fa3d9e511.
What happens AFTER winget (a terminal wrapping lines, a capture decoded in the wrong code page, a
copy that lost the header, a command run twice) is applied here on top.
Run: python3 generate-robustness.py (writes next to itself).
"""
import importlib.util
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("gen", os.path.join(HERE, "..", "generate-reconstructed.py"))
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)
table, spinner, width, cell = gen.table, gen.spinner, gen.width, gen.cell

EN = ["Name", "Id", "Version", "Available", "Source"]
DE = ["Name", "ID", "Version", "Verf\u00fcgbar", "Quelle"]
FR = ["Nom", "ID", "Version", "Disponible", "Source"]
JA = ["\u540d\u524d", "ID", "\u30d0\u30fc\u30b8\u30e7\u30f3", "\u5229\u7528\u53ef\u80fd", "\u30bd\u30fc\u30b9"]
ZH = ["\u540d\u79f0", "ID", "\u7248\u672c", "\u53ef\u7528", "\u6e90"]
DE_COUNT = "%d Aktualisierungen verf\u00fcgbar."
FR_COUNT = "%d mises \u00e0 niveau disponibles."
JA_COUNT = "%d \u30a2\u30c3\u30d7\u30b0\u30ec\u30fc\u30c9\u3092\u5229\u7528\u3067\u304d\u307e\u3059\u3002"
ZH_COUNT = "%d \u5347\u7ea7\u53ef\u7528\u3002"
DE_EXPLICIT = ("F\u00fcr die folgenden Pakete ist ein Upgrade verf\u00fcgbar, f\u00fcr das Upgrade ist jedoch eine "
               "explizite Zielgruppenadressierung erforderlich:")
ZH_NONE = "\u627e\u4e0d\u5230\u9002\u7528\u7684\u5347\u7ea7\u3002"

ROWS = [
    ["Microsoft Visual Studio Community 2022", "Microsoft.VisualStudio.2022.Community", "17.9.5", "17.9.6", "winget"],
    ["Mozilla Firefox (x64 de)", "Mozilla.Firefox.de", "124.0.1", "125.0.2", "winget"],
    ["Discord", "Discord.Discord", "< 1.0.9040", "1.0.9042", "winget"],
    ["\u7f51\u6613\u4e91\u97f3\u4e50", "NetEase.CloudMusic", "2.10.10.201297", "3.0.1.202424", "winget"],
    ["Microsoft To Do", "9NBLGGH5R558", "2.114.7122.0", "2.117.7251.0", "msstore"],
]
WIDE_ROWS = [
    ["\u30b5\u30af\u30e9\u30a8\u30c7\u30a3\u30bf", "SakuraEditor.SakuraEditor", "2.4.1.2849", "2.4.2.6048", "winget"],
    ["\u79c0\u4e38\u30a8\u30c7\u30a3\u30bf (64-bit) \u65e5\u672c\u8a9e\u7248 Version 9.31", "Hidemaruo.Hidemaru.Editor.JP", "9.25", "9.31", "winget"],
    ["\u817e\u8baf\u4f1a\u8bae", "Tencent.TencentMeeting", "3.23.1.433", "3.24.2.412", "winget"],
    ["7-Zip 23.01 (x64)", "7zip.7zip", "23.01", "24.05", "winget"],
]


def rows_of(shown, explicit=False, has_source=True):
    return gen.expected_rows(shown, explicit, has_source)


def reported(rows):
    ids = []
    for r in rows:
        if not r["idTruncated"] and r["id"] not in ids:
            ids.append(r["id"])
    return ids


def write(name, text, note, rows, notes=(), count=None, eol="\n", raw=None, source_of="", extra=None):
    path = os.path.join(HERE, name + ".txt")
    if raw is not None:
        with open(path, "wb") as f:
            f.write(raw)
    else:
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text.replace("\n", eol))
    expected = {"sample": name + ".txt", "note": "RECONSTRUCTED (not captured). " + note,
                "upgradesAvailable": count, "rows": rows, "notes": list(notes), "reportedIds": reported(rows)}
    if extra:
        expected.update(extra)
    with open(os.path.join(HERE, name + ".expected.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")


def windows_decode(data, codepage):
    """bytes -> str as Windows' MultiByteToWideChar does (cp1252's five holes become C1 controls)."""
    out = []
    for b in data:
        try:
            out.append(bytes([b]).decode(codepage))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def localized(name, header, count_fmt, rows, console, eol, note, explicit_title=None, explicit_rows=None):
    main, shown = table(header, rows, console)
    text = spinner(console or 120) + "\n".join(main) + "\n" + count_fmt % (len(rows) + len(explicit_rows or [])) + "\n"
    expected = rows_of(shown)
    if explicit_rows:
        second, shown2 = table(header, explicit_rows, console)
        text += "\n" + explicit_title + "\n" + "\n".join(second) + "\n"
        expected += rows_of(shown2, True)
    write(name, text, note, expected, count=len(rows) + len(explicit_rows or []), eol=eol)
    return text


def main():
    de = localized("reconstructed-winget-upgrade-de-DE-console100-crlf", DE, DE_COUNT, ROWS, 100, "\r\n",
                   "German labels, footer and explicit-targeting title from winget-cli's de-DE winget.resw; a 100-column "
                   "console cuts the widest column (Id) with U+2026.",
                   DE_EXPLICIT, [["Docker Desktop", "Docker.DockerDesktop", "4.26.1", "4.27.0", "winget"]])
    localized("reconstructed-winget-upgrade-fr-FR-lf", FR, FR_COUNT, ROWS, None, "\n",
              "French labels and footer from fr-FR winget.resw; written to a pipe (nothing cut).")
    localized("reconstructed-winget-upgrade-ja-JP-console80-lf", JA, JA_COUNT, WIDE_ROWS, 80, "\n",
              "Japanese labels and footer from ja-JP winget.resw (full-width labels, 2 cells each); an 80-column "
              "console cuts a CJK name where a wide character does not fit (blank before the U+2026).")
    localized("reconstructed-winget-upgrade-zh-CN-lf", ZH, ZH_COUNT, WIDE_ROWS, None, "\n",
              "Simplified Chinese labels and footer from zh-CN winget.resw; CJK names are 2 cells per character.")
    write("reconstructed-winget-upgrade-zh-CN-none-lf", spinner(120) + ZH_NONE + "\n",
          "zh-CN UpdateNotApplicable: nothing to upgrade, in Chinese.", [])

    # a 120-column table seen in an 80-column terminal: every longer line broken into 80-cell pieces
    main, shown = table(EN, ROWS, 120)
    lines = main + ["%d upgrades available." % len(ROWS)]

    def wrap(ls, w, trim):
        out = []
        for line in ls:
            pieces, cur, cw = [], "", 0
            for ch in line:
                c = cell(ch)
                if cw + c > w:
                    pieces.append(cur)
                    cur, cw = "", 0
                cur += ch
                cw += c
            pieces.append(cur)
            out += [p.rstrip() if trim else p for p in pieces]
        return out
    write("reconstructed-winget-upgrade-wrapped80-crlf", "\n".join(wrap(lines, 80, False)) + "\n",
          "The en table of a 120-column winget shown in an 80-column window and copied with its blanks: the dash line "
          "and every row longer than 80 cells continue on the next line.", rows_of(shown), count=len(ROWS), eol="\r\n")
    write("reconstructed-winget-upgrade-wrapped80-trimmed-lf", "\n".join(wrap(lines, 80, True)) + "\n",
          "The same wrap, copied from a screen buffer that dropped the blanks at the end of each piece.",
          rows_of(shown), count=len(ROWS))

    # winget's own cutting: a 70-column console shrinks Name and Id; several Ids end in U+2026
    main, shown = table(EN, ROWS, 70)
    write("reconstructed-winget-upgrade-truncated-console70-lf", "\n".join(main) + "\n%d upgrades available.\n" % len(ROWS),
          "A 70-column console (or winget < 1.6 writing to a pipe): winget shrinks the widest columns and cuts names "
          "AND Ids with U+2026; a cut Id must never be reported as an Id.", rows_of(shown), count=len(ROWS))

    # UTF-8 read as a Windows code page, then saved again as UTF-8
    src = open(os.path.join(HERE, "..", "reconstructed-winget-upgrade-en-console120-crlf.txt"), "rb").read()
    exp = json.load(open(os.path.join(HERE, "..", "reconstructed-winget-upgrade-en-console120-crlf.expected.json"), encoding="utf-8"))
    write("reconstructed-winget-upgrade-en-console120-mojibake-cp1252-crlf", None,
          "../reconstructed-winget-upgrade-en-console120-crlf.txt (UTF-8) decoded as cp1252 and saved as UTF-8: "
          "'\u2026' is 'â€¦', CJK names are three to four Latin letters per character, so columns no longer line up "
          "until the text is repaired.", exp["rows"], exp["notes"], count=exp["upgradesAvailable"],
          raw=windows_decode(src, "cp1252").encode("utf-8"))
    de_bytes = de.replace("\n", "\r\n").encode("utf-8")
    de_exp = json.load(open(os.path.join(HERE, "reconstructed-winget-upgrade-de-DE-console100-crlf.expected.json"), encoding="utf-8"))
    write("reconstructed-winget-upgrade-de-DE-mojibake-cp850-crlf", None,
          "reconstructed-winget-upgrade-de-DE-console100-crlf.txt decoded as cp850 (a German console's OEM code page) "
          "and saved as UTF-8: 'Verfügbar' is 'Verf├╝gbar', '…' is 'ÔÇª'.", de_exp["rows"], count=de_exp["upgradesAvailable"],
          raw=windows_decode(de_bytes, "cp850").encode("utf-8"))
    ja = open(os.path.join(HERE, "reconstructed-winget-upgrade-ja-JP-console80-lf.txt"), "rb").read()
    ja_exp = json.load(open(os.path.join(HERE, "reconstructed-winget-upgrade-ja-JP-console80-lf.expected.json"), encoding="utf-8"))
    write("reconstructed-winget-upgrade-ja-JP-mojibake-cp437-lf", None,
          "reconstructed-winget-upgrade-ja-JP-console80-lf.txt decoded as cp437 and saved as UTF-8 ('…' is 'ΓÇª').",
          ja_exp["rows"], count=ja_exp["upgradesAvailable"], raw=windows_decode(ja, "cp437").encode("utf-8"))

    # no header: only the rows survived (a copy that started below the dash line)
    rows = ROWS + [["Spotify", "Spotify.Spotify", "Unknown", "1.2.37.701.ge66eb7bc", "winget"]]
    main, shown = table(EN, rows, None)
    write("reconstructed-winget-upgrade-noheader-lf", "\n".join(main[2:]) + "\n%d upgrades available.\n" % len(rows),
          "The rows of a piped en table without its header and dash line, then the count footer.",
          rows_of(shown), ["winget's table had no header; its rows were read from the right (Id, Version, Available, Source)"])

    # duplicated rows: one row twice in the table, and the whole listing printed twice (command run twice)
    rows = [ROWS[1], ROWS[2], ROWS[2], ROWS[4]]
    main, shown = table(EN, rows, None)
    once = spinner(120) + "\n".join(main) + "\n%d upgrades available.\n" % len(rows)
    write("reconstructed-winget-upgrade-duplicated-lf", once + "\n" + once,
          "A piped en table with one row twice, and the whole listing twice (a retried command appended to the same "
          "capture). Each Id is reported once.", rows_of(shown) + rows_of(shown), count=len(rows))

    # spinner and garbage: a capture that turned each \r into a line break, plus a VT progress report
    main, shown = table(EN, ROWS[:3], None)
    garbage = "   - \n   \\ \n   | \n   / \n\n" + " " * 120 + "\n\x1b]9;4;3;0\x07\x1b[2K   -    \\    |    /\n"
    write("reconstructed-winget-upgrade-spinner-garbage-crlf", garbage + "\n".join(main) + "\n3 upgrades available.\n",
          "Spinner frames each on their own line (a capture that turned '\\r' into line breaks), a line of blanks, a VT "
          "progress sequence, then the table.", rows_of(shown), count=3, eol="\r\n")

    # the WinGet PowerShell module (Microsoft.WinGet.Client), PSInstalledCatalogPackage properties
    pkgs = [
        {"Name": "Microsoft Visual Studio Community 2022", "Id": "Microsoft.VisualStudio.2022.Community",
         "InstalledVersion": "17.9.5", "AvailableVersions": ["17.10.0", "17.9.6", "17.9.5"], "Source": "winget"},
        {"Name": "\u7f51\u6613\u4e91\u97f3\u4e50", "Id": "NetEase.CloudMusic", "InstalledVersion": "2.10.10.201297",
         "AvailableVersions": ["3.0.1.202424"], "Source": "winget"},
        {"Name": "Discord", "Id": "Discord.Discord", "InstalledVersion": "< 1.0.9040",
         "AvailableVersions": ["1.0.9042", "1.0.9041"], "Source": "winget"},
        {"Name": "Microsoft To Do", "Id": "9NBLGGH5R558", "InstalledVersion": "2.114.7122.0",
         "AvailableVersions": ["2.117.7251.0"], "Source": "msstore"},
    ]
    js = json.dumps(pkgs, ensure_ascii=True, separators=(",", ":"))
    exp_rows = [{"name": p["Name"], "id": p["Id"], "version": p["InstalledVersion"],
                 "available": p["AvailableVersions"][0], "source": p["Source"], "explicitTargeting": False,
                 "idTruncated": False} for p in pkgs]
    write("reconstructed-winget-psmodule-array-crlf", js + "\n",
          "What list-upgrades.ps1 prints: ConvertTo-Json -Compress of the module's packages (property names of "
          "Microsoft.WinGet.Client's PSInstalledCatalogPackage), non-ASCII escaped as \\uXXXX; AvailableVersions newest first.",
          exp_rows, count=len(pkgs), eol="\r\n")
    one = dict(pkgs[2])
    one["AvailableVersions"] = "1.0.9042"
    pretty = json.dumps(one, indent=4).replace("\n", "\r\n")
    write("reconstructed-winget-psmodule-single-object-crlf", "\ufeff" + pretty + "\r\n",
          "A plain 'Get-WinGetPackage | Where-Object IsUpdateAvailable | Select-Object … | ConvertTo-Json' with ONE "
          "result: a bare object, not an array, pretty-printed, with a BOM; a one-element AvailableVersions unrolled to a string.",
          [exp_rows[2]], count=1)


if __name__ == "__main__":
    main()

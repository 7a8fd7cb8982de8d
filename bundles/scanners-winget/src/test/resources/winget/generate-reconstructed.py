#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""
Writes the RECONSTRUCTED winget fixtures of this folder (reconstructed-*.txt) and their
.expected.json. No real winget capture was available (no Windows host), so the text is produced
by a faithful re-implementation of winget-cli's table writer:
  src/AppInstallerCLICore/TableOutput.cpp  (column sizing, shrinking the widest column when the
      console is too narrow, truncation with U+2026, the extra blank after a wide character that
      did not fit, one '-' line of the table's total width)
  src/AppInstallerSharedLib/AppInstallerStrings.cpp  (UTF8ColumnWidth: East Asian Wide/Fullwidth = 2)
  src/AppInstallerCLICore/ExecutionProgress.cpp  (spinner "\\r   -", progress bar of U+2588/U+2592,
      ClearLine = "\\r" + console width blanks + "\\r" when VT is off)
  src/AppInstallerCLICore/Workflows/WorkflowBase.cpp  (ReportListResult: table, "N upgrades
      available.", blank line + explicit-targeting title + second table, pin count footer)
The package rows are made up but shaped like real ones (real ids where known).
The .expected.json holds what a correct parser must read back: values AS DISPLAYED (truncated
names keep their U+2026). Run: python3 generate-reconstructed.py (writes next to itself).
"""
import json
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
WIDE_BLOCKS = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFD), (0x30000, 0x3FFFD)]


def cell(ch):
    cp = ord(ch)
    if unicodedata.combining(ch):
        return 0
    if any(a <= cp <= b for a, b in WIDE_BLOCKS) or unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def width(s):
    return sum(cell(c) for c in s)


def trim_to(s, expected):
    out, w = "", 0
    for c in s:
        if w + cell(c) > expected:
            break
        out += c
        w += cell(c)
    return out, w


def table(header, rows, console):
    cols = [{"name": h, "min": width(h), "max": 0, "space": True} for h in header]
    for r in rows:
        for i, v in enumerate(r):
            cols[i]["max"] = max(cols[i]["max"], width(v))
    for c in cols:
        if c["max"]:
            c["max"] = max(c["max"], c["min"])
    cols[-1]["space"] = False
    for i in range(len(cols) - 1, 0, -1):
        if cols[i]["max"]:
            break
        cols[i - 1]["space"] = False
    total = sum(c["max"] + (1 if c["space"] else 0) for c in cols)
    if console and total >= console:
        extra = total - console + 1
        while extra:
            widest = max(cols, key=lambda c: c["max"])  # first of the widest, as std::max_element
            widest["max"] -= 1
            extra -= 1
        total = console - 1

    def line(values):
        out = ""
        shown = []
        for c, v in zip(cols, values):
            if not c["max"]:
                shown.append(None)
                continue
            if width(v) > c["max"]:
                t, actual = trim_to(v, c["max"] - 1)
                out += t + "\u2026"
                shown.append(t + "\u2026")
                if actual != c["max"] - 1:
                    out += " "
                if c["space"]:
                    out += " "
            else:
                out += v
                shown.append(v)
                if c["space"]:
                    out += " " * (c["max"] - width(v) + 1)
        return out, shown

    text = [line(header)[0], "-" * total]
    displayed = []
    for r in rows:
        t, shown = line(r)
        text.append(t)
        displayed.append(shown)
    return text, displayed


def spinner(console):
    s = ""
    for ch in "-\\|/-\\":
        s += "\r   " + ch + " "
    return s + "\r" + " " * console + "\r"


def progress_bar():
    on, off = "\u2588", "\u2592"
    return "\r  " + on * 14 + off * 16 + "  1.00 MB / 2.19 MB" + "\r  " + on * 30 + "  2.19 MB / 2.19 MB"


def expected_rows(displayed, explicit, has_source):
    out = []
    for shown in displayed:
        name, pid, ver, avail = shown[0], shown[1], shown[2], shown[3]
        out.append({
            "name": name, "id": pid, "version": ver, "available": avail,
            "source": shown[4] if has_source else None,
            "explicitTargeting": explicit,
            "idTruncated": pid.endswith("\u2026"),
        })
    return out


def write(name, text, expected, eol):
    with open(os.path.join(HERE, name + ".txt"), "w", encoding="utf-8", newline="") as f:
        f.write(text.replace("\n", eol))
    with open(os.path.join(HERE, name + ".expected.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")


EN = ["Name", "Id", "Version", "Available", "Source"]
MAIN = [
    ["Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33130", "Microsoft.VCRedist.2015+.x64", "14.38.33130.0", "14.40.33810.0", "winget"],
    ["Mozilla Firefox (x64 de)", "Mozilla.Firefox.de", "124.0.1", "125.0.2", "winget"],
    ["Spotify", "Spotify.Spotify", "Unknown", "1.2.37.701.ge66eb7bc", "winget"],
    ["Discord", "Discord.Discord", "< 1.0.9040", "1.0.9042", "winget"],
    ["Adobe Acrobat (64-bit)", "Adobe.Acrobat.Reader.64-bit", "> 24.001.20604", "24.002.20687", "winget"],
    ["\u7f51\u6613\u4e91\u97f3\u4e50", "NetEase.CloudMusic", "2.10.10.201297", "3.0.1.202424", "winget"],
    ["\u79c0\u4e38\u30a8\u30c7\u30a3\u30bf (64-bit) \u65e5\u672c\u8a9e\u7248 Version 9.31 \u6b63\u5f0f\u7248 \u30a4\u30f3\u30b9\u30c8\u30fc\u30e9", "Hidemaruo.Hidemaru.Editor.JP", "9.25", "9.31", "winget"],
    ["\uce74\uce74\uc624\ud1a1", "Kakao.KakaoTalk", "4.0.1.3576", "4.0.2.3620", "winget"],
    ["\u00b5Torrent", "BitTorrent.uTorrent", "3.6.0.46884", "3.6.0.47016", "winget"],
    ["Notepad++ (64-bit x64)", "Notepad++.Notepad++", "8.6.4", "8.6.5", "winget"],
    ["Microsoft To Do", "9NBLGGH5R558", "2.114.7122.0", "2.117.7251.0", "msstore"],
]
EXPLICIT = [
    ["Android Studio", "Google.AndroidStudio", "2023.2.1.24", "2023.3.1.18", "winget"],
]
MSSTORE_AGREEMENT = (
    "The `msstore` source requires that you view the following agreements before using.\n"
    "Terms of Transaction: https://aka.ms/microsoft-store-terms-of-transaction\n"
    "The source requires the current machine's 2-letter geographic region to be sent to the backend "
    "service to function properly (ex. \"US\").\n\n")


def full_english():
    console = 120
    main, shown_main = table(EN, MAIN, console)
    expl, shown_expl = table(EN, EXPLICIT, console)
    text = (MSSTORE_AGREEMENT + progress_bar() + "\n" + spinner(console) + "\n".join(main) + "\n"
            + "%d upgrades available.\n" % (len(MAIN) + len(EXPLICIT))
            + "\nThe following packages have an upgrade available, but require explicit targeting for upgrade:\n"
            + "\n".join(expl) + "\n"
            + "1 package(s) have pins that prevent upgrade. Use the 'winget pin' command to view and edit pins. "
              "Using the --include-pinned argument may show more results.\n")
    expected = {
        "sample": "reconstructed-winget-upgrade-en-console120-crlf.txt",
        "note": "RECONSTRUCTED with generate-reconstructed.py (winget-cli TableOutput rules, console width 120). "
                "CRLF, msstore agreement text, progress bar and spinner with \\r before the table, names cut "
                "with U+2026 (one CJK name leaves a blank before the ellipsis), '< ' / '> ' / Unknown versions, "
                "footer, explicit-targeting table, pin footer.",
        "upgradesAvailable": len(MAIN) + len(EXPLICIT),
        "rows": expected_rows(shown_main, False, True) + expected_rows(shown_expl, True, True),
        "notes": ["1 package(s) have pins that prevent upgrade. Use the 'winget pin' command to view and edit pins. "
                  "Using the --include-pinned argument may show more results."],
    }
    write("reconstructed-winget-upgrade-en-console120-crlf", text, expected, "\r\n")


def no_source_no_console():
    rows = [
        ["Git", "Git.Git", "2.44.0", "2.45.1"],
        ["Microsoft Edge WebView2 Runtime", "Microsoft.EdgeWebView2Runtime", "123.0.2420.97", "124.0.2478.80"],
        ["Steam", "Valve.Steam", "Unknown", "2.10.91.91"],
    ]
    main, shown = table(EN[:4], rows, None)
    text = spinner(120) + "\n".join(main) + "\n%d upgrades available.\n" % len(rows)
    expected = {
        "sample": "reconstructed-winget-upgrade-nosource-lf.txt",
        "note": "RECONSTRUCTED: winget >= 1.6 writing to a pipe (no console width, so nothing is cut), a "
                "single source so the Source column is left out; LF line ends.",
        "upgradesAvailable": len(rows),
        "rows": expected_rows(shown, False, False),
        "notes": [],
    }
    write("reconstructed-winget-upgrade-nosource-lf", text, expected, "\n")


def japanese():
    header = ["\u540d\u524d", "ID", "\u30d0\u30fc\u30b8\u30e7\u30f3", "\u5229\u7528\u53ef\u80fd", "\u30bd\u30fc\u30b9"]
    rows = [
        ["\u30b5\u30af\u30e9\u30a8\u30c7\u30a3\u30bf", "SakuraEditor.SakuraEditor", "2.4.1.2849", "2.4.2.6048", "winget"],
        ["7-Zip 23.01 (x64)", "7zip.7zip", "23.01", "24.05", "winget"],
    ]
    expl = [["Docker Desktop", "Docker.DockerDesktop", "4.26.1", "4.27.0", "winget"]]
    main, shown = table(header, rows, None)
    second, shown2 = table(header, expl, None)
    text = (spinner(120) + "\n".join(main) + "\n"
            + "%d \u4ef6\u306e\u30a2\u30c3\u30d7\u30b0\u30ec\u30fc\u30c9\u304c\u5229\u7528\u53ef\u80fd\u3067\u3059\u3002\n" % (len(rows) + 1)
            + "\n\u6b21\u306e\u30d1\u30c3\u30b1\u30fc\u30b8\u306b\u306f\u30a2\u30c3\u30d7\u30b0\u30ec\u30fc\u30c9\u304c\u3042\u308a\u307e\u3059\u304c\u3001"
              "\u660e\u793a\u7684\u306a\u5bfe\u8c61\u6307\u5b9a\u304c\u5fc5\u8981\u3067\u3059:\n"
            + "\n".join(second) + "\n")
    expected = {
        "sample": "reconstructed-winget-upgrade-ja-lf.txt",
        "note": "RECONSTRUCTED, and the Japanese wording is a GUESS (no real capture): full-width header labels "
                "(2 cells each), translated footer and explicit-targeting title; column order unchanged.",
        "upgradesAvailable": None,
        "rows": expected_rows(shown, False, True) + expected_rows(shown2, True, True),
        "notes": [],
    }
    write("reconstructed-winget-upgrade-ja-lf", text, expected, "\n")


def narrow_console():
    rows = [
        ["Microsoft Visual Studio Community 2022", "Microsoft.VisualStudio.2022.Community", "17.9.5", "17.9.6", "winget"],
        ["Python 3.12.2 (64-bit)", "Python.Python.3.12", "3.12.2", "3.12.3", "winget"],
    ]
    main, shown = table(EN, rows, 80)
    text = "\n".join(main) + "\n%d upgrades available.\n" % len(rows)
    expected = {
        "sample": "reconstructed-winget-upgrade-narrow80-lf.txt",
        "note": "RECONSTRUCTED: an 80-column console (or winget < 1.6 writing to a pipe, which assumed 120) "
                "shrinks Name AND Id, so one Id is cut with U+2026 and cannot be used to upgrade.",
        "upgradesAvailable": len(rows),
        "rows": expected_rows(shown, False, True),
        "notes": [],
    }
    write("reconstructed-winget-upgrade-narrow80-lf", text, expected, "\n")


def nothing():
    text = spinner(120) + "No installed package found matching input criteria.\n"
    expected = {
        "sample": "reconstructed-winget-upgrade-none-crlf.txt",
        "note": "RECONSTRUCTED: nothing to upgrade (ReportListResult prints NoInstalledPackageFound).",
        "upgradesAvailable": None,
        "rows": [],
        "notes": [],
    }
    write("reconstructed-winget-upgrade-none-crlf", text, expected, "\r\n")


if __name__ == "__main__":
    full_english()
    no_source_no_console()
    japanese()
    narrow_console()
    nothing()

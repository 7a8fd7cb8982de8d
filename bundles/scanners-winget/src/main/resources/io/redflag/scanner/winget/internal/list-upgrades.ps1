# SPDX-License-Identifier: Apache-2.0
# Pending winget upgrades as JSON, from the Microsoft.WinGet.Client module (PSInstalledCatalogPackage:
# Name, Id, InstalledVersion, AvailableVersions, Source, IsUpdateAvailable). Nothing is cut or translated
# here, unlike winget's table. Exits non-zero when the module is missing, and the scanner reads the table.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module Microsoft.WinGet.Client
$updates = @(Get-WinGetPackage | Where-Object { $_.IsUpdateAvailable } |
    Select-Object Name, Id, InstalledVersion, AvailableVersions, Source)
# -InputObject keeps an array even for one package (a pipe into ConvertTo-Json would print a bare object)
$json = ConvertTo-Json -InputObject $updates -Depth 3 -Compress
# powershell.exe writes stdout in the console's code page, not UTF-8: print only ASCII, names escaped
[regex]::Replace($json, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })

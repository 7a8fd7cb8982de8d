# SPDX-License-Identifier: Apache-2.0
# Lists pending Windows updates through the Windows Update Agent COM API and prints ONE JSON array
# (or {"Error": {...}} and exit code 1). The RedFlag agent runs it as
#   powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand <base64 UTF-16LE of "& { <this file> } -UpdateIds ...">
# -UpdateIds (UpdateID GUIDs or KB ids) narrows the list for a dry run. Windows PowerShell 5.1 or PowerShell 7.
param([string[]]$UpdateIds = @())

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

function Write-Json($value) {
    $json = ConvertTo-Json -InputObject $value -Depth 5 -Compress
    # Only ASCII leaves the process: powershell.exe writes stdout in the console code page, not UTF-8,
    # and update titles are localised ("Narzedzie ... zlosliwego").
    $json = [regex]::Replace($json, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
    [Console]::Out.Write($json)
}

function Get-Innermost($exception) {
    while ($exception.InnerException) { $exception = $exception.InnerException }
    $exception
}

try {
    $session = New-Object -ComObject Microsoft.Update.Session
    $session.ClientApplicationID = 'RedFlag agent'
    # the default server: WSUS when the host is configured for it, Windows Update otherwise
    $result = $session.CreateUpdateSearcher().Search('IsInstalled=0 and IsHidden=0')
    $list = New-Object System.Collections.Generic.List[object]
    foreach ($u in $result.Updates) {
        $kbs = @($u.KBArticleIDs | ForEach-Object { [string]$_ })
        if ($UpdateIds.Count -gt 0 -and $UpdateIds -notcontains $u.Identity.UpdateID -and
                -not ($kbs | Where-Object { $UpdateIds -contains ('KB' + $_) })) {
            continue
        }
        $list.Add([pscustomobject][ordered]@{
            Title                = $u.Title
            KBArticleIDs         = $kbs
            UpdateID             = $u.Identity.UpdateID
            RevisionNumber       = $u.Identity.RevisionNumber
            MsrcSeverity         = $u.MsrcSeverity
            # names are localised; CategoryID (a GUID) is not, and tells security updates apart
            Categories           = @($u.Categories | ForEach-Object {
                                       [pscustomobject][ordered]@{ Name = $_.Name; Type = $_.Type; CategoryID = $_.CategoryID } })
            CveIDs               = @($u.CveIDs | ForEach-Object { [string]$_ })
            MaxDownloadSize      = [int64]$u.MaxDownloadSize
            IsDownloaded         = [bool]$u.IsDownloaded
            IsMandatory          = [bool]$u.IsMandatory
            EulaAccepted         = [bool]$u.EulaAccepted
            RebootRequired       = [bool]$u.RebootRequired
            InstallationBehavior = [pscustomobject][ordered]@{
                                       RebootBehavior      = [int]$u.InstallationBehavior.RebootBehavior
                                       CanRequestUserInput = [bool]$u.InstallationBehavior.CanRequestUserInput }
            Type                 = [int]$u.Type
        })
    }
    Write-Json @($list.ToArray())
    exit 0
} catch {
    $e = Get-Innermost $_.Exception
    Write-Json ([pscustomobject][ordered]@{ Error = [pscustomobject][ordered]@{
        HResult = ('0x{0:X8}' -f $e.HResult); Message = $e.Message } })
    exit 1
}

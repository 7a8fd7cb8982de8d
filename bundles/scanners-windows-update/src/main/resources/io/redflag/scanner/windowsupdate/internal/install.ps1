# SPDX-License-Identifier: Apache-2.0
# Installs the given pending Windows updates through the Windows Update Agent COM API: finds them
# (by UpdateID, or by KB id), accepts their EULAs, downloads, installs, and prints ONE JSON object with
# the result code of each update and whether a restart is required (or {"Error": {...}} and exit 1).
# The RedFlag agent runs it like scan.ps1, as "& { <this file> } -UpdateIds '<id>', ...". Needs administrator rights.
param([Parameter(Mandatory = $true)][string[]]$UpdateIds)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

function Write-Json($value) {
    $json = ConvertTo-Json -InputObject $value -Depth 5 -Compress
    # Only ASCII leaves the process (see scan.ps1)
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
    $found = $session.CreateUpdateSearcher().Search('IsInstalled=0 and IsHidden=0')
    $updates = New-Object -ComObject Microsoft.Update.UpdateColl
    $matched = New-Object System.Collections.Generic.List[string]
    foreach ($u in $found.Updates) {
        $ids = @($u.Identity.UpdateID) + @($u.KBArticleIDs | ForEach-Object { 'KB' + $_ })
        $hit = @($ids | Where-Object { $UpdateIds -contains $_ })
        if ($hit.Count -eq 0) { continue }
        if (-not $u.EulaAccepted) { $u.AcceptEula() }
        [void]$updates.Add($u)
        $hit | ForEach-Object { $matched.Add($_) }
    }
    $notFound = @($UpdateIds | Where-Object { $matched -notcontains $_ })
    $results = New-Object System.Collections.Generic.List[object]
    $overall = $null
    $overallHResult = $null
    $reboot = $false
    if ($updates.Count -gt 0) {
        $downloader = $session.CreateUpdateDownloader()
        $downloader.Updates = $updates
        $download = $downloader.Download()
        $installer = $session.CreateUpdateInstaller()
        $installer.Updates = $updates
        $installer.ForceQuiet = $true          # never show UI: nobody is there to click
        $installer.AllowSourcePrompts = $false
        $install = $installer.Install()
        $overall = [int]$install.ResultCode     # 2 Succeeded, 3 SucceededWithErrors, 4 Failed, 5 Aborted
        $overallHResult = '0x{0:X8}' -f $install.HResult
        $reboot = [bool]$install.RebootRequired
        for ($i = 0; $i -lt $updates.Count; $i++) {
            $u = $updates.Item($i)
            $r = $install.GetUpdateResult($i)
            $results.Add([pscustomobject][ordered]@{
                UpdateID           = $u.Identity.UpdateID
                RevisionNumber     = $u.Identity.RevisionNumber
                KBArticleIDs       = @($u.KBArticleIDs | ForEach-Object { [string]$_ })
                Title              = $u.Title
                DownloadResultCode = [int]$download.GetUpdateResult($i).ResultCode
                ResultCode         = [int]$r.ResultCode
                HResult            = '0x{0:X8}' -f $r.HResult
                RebootRequired     = [bool]$r.RebootRequired
            })
        }
    }
    Write-Json ([pscustomobject][ordered]@{
        ResultCode     = $overall
        HResult        = $overallHResult
        RebootRequired = $reboot
        Updates        = @($results.ToArray())
        NotFound       = $notFound
    })
    exit 0
} catch {
    $e = Get-Innermost $_.Exception
    Write-Json ([pscustomobject][ordered]@{ Error = [pscustomobject][ordered]@{
        HResult = ('0x{0:X8}' -f $e.HResult); Message = $e.Message } })
    exit 1
}

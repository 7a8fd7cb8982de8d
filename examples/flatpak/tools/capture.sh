#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# Real flatpak output for the scanner's tests, made without touching this host's own flatpak installations and
# without a network: a local repository with a hand-made runtime and three tiny apps, a per-user installation, all
# under one folder of our own.
#
#   tools/capture.sh capture [OUT]   build the scene in a temporary folder and capture into OUT
#                                    (default: src/test/resources/flatpak/captured, relative to the project)
#   tools/capture.sh setup DIR       build the scene in DIR (absent or empty): version 1 installed, version 2 published,
#                                    appstream refreshed; prints the environment that points flatpak at it
#   tools/capture.sh move DIR        in that scene, publish Hello 2.0.1 (the remote moved on)
#   tools/capture.sh break DIR       in that scene, add a second remote that cannot be read
#                                    (FlatpakOnThisMachineTest, mvn verify -Preal-flatpak, runs these three)
#
# The scene (commits are reproducible: fixed timestamps, no signatures, same files):
#   version 1, installed   runtime org.example.Platform//1.0 (appstream version 1.0.3)
#                          app org.example.Hello//stable 1.0.0 and its runtime org.example.Hello.Locale
#                          app org.example.Clock//stable 2.9, app org.example.Notes//stable 0.5
#   version 2, published   Hello 2.0.0 (and its Locale rebuilt), Clock "3.0 beta 2" on a new runtime
#                          org.example.Platform//2.0, Platform//1.0 rebuilt with the same version 1.0.3; Notes unchanged
#
# Nothing here needs bubblewrap or user namespaces: build-export, install, update, list and remote-ls do not start a
# sandbox (only `flatpak run` and `flatpak build` would). It needs root in a container, though: for other users
# flatpak checks parental controls over the system D-Bus before installing an app.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT="$(dirname "$HERE")"
ARCH=x86_64

die() { echo "capture.sh: $*" >&2; exit 2; }

command -v flatpak >/dev/null || die "flatpak is not installed (Debian: apt-get install flatpak)"
[ "$(flatpak --default-arch)" = "$ARCH" ] || die "the scene is made for $ARCH, this host's flatpak defaults to $(flatpak --default-arch)"

# Every place flatpak would read or write, inside $1. FLATPAK_SYSTEM_DIR and FLATPAK_CONFIG_DIR too: a command without
# --user (or a mistake) must meet an empty system installation, never /var/lib/flatpak or /etc/flatpak.
isolate() {
    local root="$1"
    export FLATPAK_USER_DIR="$root/user" FLATPAK_SYSTEM_DIR="$root/system" FLATPAK_CONFIG_DIR="$root/etc"
    export FLATPAK_RUN_DIR="$root/run" FLATPAK_SYSTEM_CACHE_DIR="$root/system-cache"
    export HOME="$root/home" XDG_DATA_HOME="$root/home/.local/share" XDG_CACHE_HOME="$root/home/.cache"
    export XDG_CONFIG_HOME="$root/home/.config" XDG_RUNTIME_DIR="$root/xdg-runtime"
    unset DBUS_SESSION_BUS_ADDRESS DBUS_SYSTEM_BUS_ADDRESS LANGUAGE LC_ALL
    export LANG=C.UTF-8
    mkdir -p "$FLATPAK_USER_DIR" "$FLATPAK_SYSTEM_DIR" "$FLATPAK_CONFIG_DIR" "$FLATPAK_RUN_DIR" "$HOME" \
        "$XDG_RUNTIME_DIR"
    chmod 0700 "$XDG_RUNTIME_DIR"
}

# appstream data as flatpak-builder's compose step leaves it: files/share/app-info/xmls/ID.xml.gz (gzip -n: no name or
# time in the header, so the commit stays the same from run to run)
appstream() { # dir id type name version
    mkdir -p "$1/share/app-info/xmls"
    local release=""
    [ -n "$5" ] && release="<releases><release version=\"$5\" timestamp=\"1704067200\"/></releases>"
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<components version="0.8" origin="flatpak">\n  <component type="%s">\n    <id>%s</id>\n    <name>%s</name>\n    <summary>A tiny app of the capture scene</summary>\n    %s\n  </component>\n</components>\n' \
        "$3" "$2" "$4" "$release" | gzip -n > "$1/share/app-info/xmls/$2.xml.gz"
}

export_runtime() { # id branch version build-note timestamp [extension-of]
    local d="$WORK/build/runtime-$1-$2"
    rm -rf "$d"; mkdir -p "$d/usr/etc" "$d/files"   # build-export wants files/ (an initialised build); --runtime commits usr/
    printf '[Runtime]\nname=%s\nruntime=%s/%s/%s\nsdk=%s/%s/%s\n' "$1" "$1" "$ARCH" "$2" "$1" "$ARCH" "$2" > "$d/metadata"
    if [ -n "${6:-}" ]; then
        printf '[Runtime]\nname=%s\n\n[ExtensionOf]\nref=%s\n' "$1" "$6" > "$d/metadata"
    fi
    printf 'build %s\n' "$4" > "$d/usr/etc/example-build"
    [ -n "$3" ] && appstream "$d/usr" "$1" runtime "$1" "$3"
    flatpak build-export --runtime --disable-fsync --update-appstream --timestamp="$5" \
        --subject="$1 $2 build $4" "$WORK/repo" "$d" "$2" >/dev/null
}

export_app() { # id name version runtime-branch timestamp [with-locale]
    local d="$WORK/build/app-$1"
    rm -rf "$d"; mkdir -p "$d/files/bin" "$d/export"
    printf '[Application]\nname=%s\nruntime=org.example.Platform/%s/%s\ncommand=hello\n' "$1" "$ARCH" "$4" > "$d/metadata"
    if [ -n "${6:-}" ]; then
        printf '\n[Extension %s.Locale]\ndirectory=share/runtime/locale\nautodelete=true\n' "$1" >> "$d/metadata"
        mkdir -p "$d/files/share/runtime/locale"
    fi
    printf '#!/bin/sh\necho "%s %s"\n' "$2" "$3" > "$d/files/bin/hello"
    chmod 0755 "$d/files/bin/hello"
    appstream "$d/files" "$1" desktop-application "$2" "$3"
    flatpak build-export --disable-fsync --update-appstream --timestamp="$5" --subject="$1 $3" \
        "$WORK/repo" "$d" stable >/dev/null
}

version1() {
    export_runtime org.example.Platform 1.0 1.0.3 1 2024-01-01T00:00:00Z
    export_app org.example.Hello "Hello" 1.0.0 1.0 2024-01-01T00:00:00Z locale
    export_runtime org.example.Hello.Locale stable "" 1 2024-01-01T00:00:00Z app/org.example.Hello/$ARCH/stable
    export_app org.example.Clock "Clock" 2.9 1.0 2024-01-01T00:00:00Z
    export_app org.example.Notes "Notes" 0.5 1.0 2024-01-01T00:00:00Z
}

version2() {
    export_runtime org.example.Platform 1.0 1.0.3 2 2024-02-01T00:00:00Z
    export_runtime org.example.Platform 2.0 2.0.0 1 2024-02-01T00:00:00Z
    export_app org.example.Hello "Hello" 2.0.0 1.0 2024-02-01T00:00:00Z locale
    export_runtime org.example.Hello.Locale stable "" 2 2024-02-01T00:00:00Z app/org.example.Hello/$ARCH/stable
    export_app org.example.Clock "Clock" "3.0 beta 2" 2.0 2024-02-01T00:00:00Z
}

# version 1 published and installed, nothing pending
scene_installed() {
    version1
    flatpak remote-add --user --no-gpg-verify example "file://$WORK/repo"
    if ! flatpak install --user -y --noninteractive example \
        app/org.example.Hello/$ARCH/stable app/org.example.Clock/$ARCH/stable app/org.example.Notes/$ARCH/stable >/dev/null; then
        # Debian builds flatpak with libmalcontent: for any user but root it asks the accounts service on the system
        # D-Bus for parental controls before installing an app, and a container has no such bus
        [ "$(id -u)" = 0 ] || die "installing an app failed; as a user other than root flatpak needs the system D-Bus" \
            "(parental controls, 'Could not connect'): run this as root, or where a system bus runs accounts-daemon"
        die "flatpak install failed"
    fi
}

# FlatpakOnThisMachineTest's host: version 2 published, appstream refreshed (what the scanner's scan does first)
setup() {
    WORK="$1"
    [ -e "$WORK" ] && [ -n "$(ls -A "$WORK")" ] && die "$WORK is not empty"
    mkdir -p "$WORK"; WORK="$(cd "$WORK" && pwd)"
    isolate "$WORK"
    scene_installed
    version2
    flatpak update --user --appstream >/dev/null
    echo "FLATPAK_USER_DIR=$FLATPAK_USER_DIR"
    echo "FLATPAK_SYSTEM_DIR=$FLATPAK_SYSTEM_DIR"
    echo "FLATPAK_CONFIG_DIR=$FLATPAK_CONFIG_DIR"
    echo "FLATPAK_RUN_DIR=$FLATPAK_RUN_DIR"
    echo "FLATPAK_SYSTEM_CACHE_DIR=$FLATPAK_SYSTEM_CACHE_DIR"
    echo "HOME=$HOME"
    echo "XDG_DATA_HOME=$XDG_DATA_HOME"
    echo "XDG_CACHE_HOME=$XDG_CACHE_HOME"
    echo "XDG_CONFIG_HOME=$XDG_CONFIG_HOME"
    echo "XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR"
}

# --- capturing -------------------------------------------------------------------------------------------------------

# cap NAME COMMAND…: stdout and stderr byte for byte into OUT/NAME.stdout and OUT/NAME.stderr, the exit code and the
# command into OUT/CAPTURES.tsv. The scanner's own commands run with LC_ALL=C.UTF-8, as the scanner runs them.
cap() {
    local name="$1"; shift
    local rc=0
    # a subshell: flatpak info aborts (SIGABRT) and bash would report it on our stderr
    ( "$@" >"$OUT/$name.stdout" 2>"$OUT/$name.stderr" </dev/null ) 2>/dev/null || rc=$?
    record "$name" "$rc" "$*"
}

record() { # name exit command
    local shown="${3//$WORK/\$SCENE}"
    printf '%s\t%s\t%s\n' "$1" "$2" "$shown" >> "$OUT/CAPTURES.tsv"
}

# A terminal's view (what a person copies from a terminal): flatpak under a pseudo-terminal of that many columns;
# stdout and stderr arrive mixed, with the terminal's CR LF line ends and flatpak's escape sequences.
cap_tty() { # name columns command…
    local name="$1" cols="$2"; shift 2
    local rc=0
    script -qec "stty cols $cols rows 40; $*" /dev/null >"$OUT/$name.tty" </dev/null || rc=$?
    record "$name" "$rc" "(pty, $cols columns) $*"
}

host_fingerprint() {
    # the host's own installations and configuration: compared before and after, the capture must not change them
    { find /var/lib/flatpak "${REAL_HOME:-/root}/.local/share/flatpak" /etc/flatpak -printf '%p %s %T@\n' 2>/dev/null \
        || true; } | sort | sha256sum
}

capture() {
    OUT="${1:-$PROJECT/src/test/resources/flatpak/captured}"
    mkdir -p "$OUT"; OUT="$(cd "$OUT" && pwd)"
    rm -f "$OUT"/*.stdout "$OUT"/*.stderr "$OUT"/*.tty "$OUT/CAPTURES.tsv" "$OUT/CAPTURED.txt"
    REAL_HOME="$HOME"
    local before; before="$(host_fingerprint)"
    WORK="$(mktemp -d /tmp/flatpak-capture.XXXXXX)"
    trap 'rm -rf "$WORK"' EXIT
    isolate "$WORK"
    # de_DE.UTF-8 built into the scene (LOCPATH), not into the host's /usr/lib/locale
    mkdir -p "$WORK/locale"
    localedef -i de_DE -f UTF-8 "$WORK/locale/de_DE.UTF-8" 2>/dev/null || true
    local de=(env LOCPATH="$WORK/locale" LC_ALL=de_DE.UTF-8)
    local c=(env LC_ALL=C.UTF-8)
    # the scanner's own commands (FlatpakScanner), word for word
    local list=(flatpak list --user --all --columns=ref,origin,active,version,name)
    local updates=(flatpak remote-ls --user --updates --all --columns=ref,origin,commit,version,download-size,runtime)
    local remotes=(flatpak remotes --user --columns=name)
    local appstream=(flatpak update --user --appstream)
    local install=(flatpak update --user -y --noninteractive)
    local hello=app/org.example.Hello/$ARCH/stable clock=app/org.example.Clock/$ARCH/stable

    {
        echo "captured: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "flatpak: $(flatpak --version)"
        echo "host: $(. /etc/os-release && echo "$PRETTY_NAME"), $(uname -m), kernel $(uname -r)"
        echo "bubblewrap: $(dpkg-query -W -f '${Version}' bubblewrap 2>/dev/null || echo absent)"
        echo "scene: $SCENE_DESC"
    } > "$OUT/CAPTURED.txt"
    printf 'name\texit\tcommand\n' > "$OUT/CAPTURES.tsv"

    # an installation without remotes or refs
    cap empty-list "${c[@]}" "${list[@]}"
    cap empty-updates "${c[@]}" "${updates[@]}"
    cap empty-remotes "${c[@]}" "${remotes[@]}"
    cap empty-appstream "${c[@]}" "${appstream[@]}"

    # version 1 installed, nothing pending
    scene_installed
    cap v1-list "${c[@]}" "${list[@]}"
    cap v1-updates "${c[@]}" "${updates[@]}"
    cap v1-remotes "${c[@]}" "${remotes[@]}"
    cap v1-appstream "${c[@]}" "${appstream[@]}"

    # version 2 published
    version2
    # before the appstream refresh: the commits are new, the versions still those of version 1
    cap v2-updates-stale-appstream "${c[@]}" "${updates[@]}"
    cap v2-appstream "${c[@]}" "${appstream[@]}"
    cap v2-updates "${c[@]}" "${updates[@]}"
    cap v2-list "${c[@]}" "${list[@]}"
    cap v2-new-runtime-commit "${c[@]}" flatpak remote-info --user --show-commit example \
        runtime/org.example.Platform/$ARCH/2.0
    cap v2-remote-info-unknown "${c[@]}" flatpak remote-info --user --show-commit example \
        runtime/org.example.Nope/$ARCH/1.0
    # the same listings in other forms
    cap v2-updates-without-all "${c[@]}" flatpak remote-ls --user --updates \
        --columns=ref,origin,commit,version,download-size,runtime
    cap v2-updates-c-locale env LC_ALL=C "${updates[@]}"
    cap v2-updates-columns30 env LC_ALL=C.UTF-8 COLUMNS=30 "${updates[@]}"
    cap v2-updates-de "${de[@]}" "${updates[@]}"
    cap v2-list-de "${de[@]}" "${list[@]}"
    cap v2-list-app-runtime-options "${c[@]}" flatpak list --user --all --columns=ref,options,latest
    cap_tty v2-updates-tty60 60 LC_ALL=C.UTF-8 "${updates[*]}"
    cap_tty v2-updates-tty200 200 LC_ALL=C.UTF-8 "${updates[*]}"
    cap_tty v2-list-tty60 60 LC_ALL=C.UTF-8 "${list[*]}"
    # what flatpak would do, shown and then refused: standard input is closed, each question is answered "n"
    cap v2-update-preview-hello "${c[@]}" flatpak update --user "$hello"
    cap v2-update-preview-hello-clock "${c[@]}" flatpak update --user "$hello" "$clock"
    # both print everything, then abort on an assertion (exit 134): the scanner uses --show-commit, which does not
    cap v2-info "${c[@]}" flatpak info --user org.example.Hello
    cap v2-remote-info "${c[@]}" flatpak remote-info --user example "$hello"
    cap v2-info-show-commit "${c[@]}" flatpak info --user --show-commit "$hello"
    cap v2-install-unknown-ref "${c[@]}" "${install[@]}" app/org.example.Nope/$ARCH/stable
    cap v2-install-unknown-ref-de "${de[@]}" "${install[@]}" app/org.example.Nope/$ARCH/stable
    cap v2-install-short-commit "${c[@]}" "${install[@]}" --commit=0123456789ab "$hello"

    # a remote that cannot be read beside the good one: remote-add itself refuses a URL without a summary, so the
    # remote is added while a copy of the repository is there, and the copy is removed (a server that went away)
    cp -a "$WORK/repo" "$WORK/gone-repo"
    flatpak remote-add --user --no-gpg-verify broken "file://$WORK/gone-repo"
    rm -rf "$WORK/gone-repo"
    cap broken-remotes "${c[@]}" "${remotes[@]}"
    cap broken-updates "${c[@]}" "${updates[@]}"
    cap broken-updates-example "${c[@]}" "${updates[@]}" example
    cap broken-updates-broken "${c[@]}" "${updates[@]}" broken
    cap broken-appstream "${c[@]}" "${appstream[@]}"
    flatpak remote-delete --user broken

    # the install the scanner runs (Hello and Clock approved), then what it reads afterwards
    cap v2-install "${c[@]}" "${install[@]}" "$hello" "$clock"
    cap v2-install-again "${c[@]}" "${install[@]}" "$hello"
    cap after-list "${c[@]}" "${list[@]}"
    cap after-updates "${c[@]}" "${updates[@]}"
    cap after-install-de "${de[@]}" "${install[@]}" runtime/org.example.Platform/$ARCH/1.0

    # the remote the refs came from is gone: nothing is listed, nothing says why
    flatpak remote-delete --user --force example
    cap gone-updates "${c[@]}" "${updates[@]}"
    cap gone-remotes "${c[@]}" "${remotes[@]}"
    cap gone-list "${c[@]}" "${list[@]}"

    [ "$(host_fingerprint)" = "$before" ] || die "the host's own flatpak folders changed during the capture"
    echo "captured into $OUT"
}

SCENE_DESC="runtime org.example.Platform//1.0 (1.0.3), apps org.example.Hello 1.0.0 (+ .Locale), org.example.Clock 2.9, org.example.Notes 0.5; then Hello 2.0.0, Clock \"3.0 beta 2\" on Platform//2.0, Platform//1.0 rebuilt"

# a scene made by setup, again
reopen() {
    [ -d "$1/repo" ] && [ -d "$1/user" ] || die "$1 is not a scene made by 'capture.sh setup'"
    WORK="$(cd "$1" && pwd)"
    isolate "$WORK"
}

USAGE="usage: capture.sh capture [OUT] | setup DIR | move DIR | break DIR"
case "${1:-}" in
    capture) capture "${2:-}" ;;
    setup) [ $# -eq 2 ] || die "$USAGE"; setup "$2" ;;
    # the remote moves on: Hello 2.0.1 is published (appstream not refreshed, as on a host between two scans)
    move) [ $# -eq 2 ] || die "$USAGE"; reopen "$2"
        export_app org.example.Hello "Hello" 2.0.1 1.0 2024-03-01T00:00:00Z locale ;;
    # a second remote that cannot be read (see capture)
    break) [ $# -eq 2 ] || die "$USAGE"; reopen "$2"
        cp -a "$WORK/repo" "$WORK/gone-repo"
        flatpak remote-add --user --no-gpg-verify broken "file://$WORK/gone-repo"
        rm -rf "$WORK/gone-repo" ;;
    *) die "$USAGE" ;;
esac

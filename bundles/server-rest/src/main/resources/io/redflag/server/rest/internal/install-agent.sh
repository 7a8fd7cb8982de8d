#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs (or upgrades) the RedFlag agent on this Linux host and registers it with the server that served this
# script. Re-running it upgrades the agent and keeps its identity. Run as root:
#
#   curl -fsSL @SERVER@/api/v1/install/agent.sh | sudo REDFLAG_TOKEN=rfr_... sh
#
# Settings (environment): REDFLAG_TOKEN, a registration token (needed the first time only); REDFLAG_ACCEPT, what the
# server may make this agent do: all (default), monitor (scans only: the agent then runs as the unprivileged user
# redflag-agent), or a comma-separated list of scan, dry-run, install, bundle-updates, core-updates.
set -eu

SERVER='@SERVER@'
FINGERPRINT='@FINGERPRINT@'
ACCEPT="${REDFLAG_ACCEPT:-all}"
SHARE=/usr/share/redflag-agent
DATA=/var/lib/redflag-agent
ETC=/etc/redflag-agent

say() { printf 'redflag-agent: %s\n' "$*"; }
die() { printf 'redflag-agent: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run this as root (sudo)"
case "$ACCEPT" in
  ''|*[!a-z,-]*) die "REDFLAG_ACCEPT must be all, monitor or a list of scan, dry-run, install, bundle-updates, core-updates" ;;
esac
command -v curl >/dev/null 2>&1 || die "curl is needed"
command -v sha256sum >/dev/null 2>&1 || die "sha256sum (coreutils) is needed"

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1; }
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] 2>/dev/null; then
  say "installing a Java runtime (17 or newer)"
  if command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless >/dev/null
  elif command -v dnf >/dev/null 2>&1; then
    dnf install -y -q java-17-openjdk-headless >/dev/null
  else
    die "no Java 17 or newer, and no apt-get or dnf to install one: install it, then run this again"
  fi
fi
[ "$(java_major)" -ge 17 ] 2>/dev/null || die "java is older than 17: $(java -version 2>&1 | head -n 1)"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
say "downloading the agent from $SERVER"
curl -fsSL "$SERVER/api/v1/install/files/SHA256SUMS" -o "$TMP/SHA256SUMS"
for f in redflag-agent.jar jvm.options redflag-agent.service monitor.conf redflag-agent; do
  curl -fsSL "$SERVER/api/v1/install/files/$f" -o "$TMP/$f"
done
(cd "$TMP" && sha256sum -c --quiet SHA256SUMS) || die "a downloaded file does not match its SHA-256: nothing was installed"

install -d -m 0755 "$SHARE" "$ETC"
install -m 0644 "$TMP/redflag-agent.jar" "$TMP/jvm.options" "$TMP/monitor.conf" "$SHARE/"
install -m 0755 "$TMP/redflag-agent" /usr/bin/redflag-agent
install -m 0644 "$TMP/redflag-agent.service" /lib/systemd/system/redflag-agent.service 2>/dev/null \
  || install -D -m 0644 "$TMP/redflag-agent.service" /etc/systemd/system/redflag-agent.service
umask 077
cat > "$ETC/agent.env" <<ENV
# The RedFlag agent's local settings (written by the installer; root-owned: the server cannot change them).
REDFLAG_SERVER=$SERVER
REDFLAG_ACCEPT=$ACCEPT
REDFLAG_AGENT_ARGS=${FINGERPRINT:+--server-fingerprint $FINGERPRINT}
ENV
chmod 0600 "$ETC/agent.env"
install -d -m 0700 "$DATA"

RUN_AS=root
if [ "$ACCEPT" = monitor ]; then
  getent passwd redflag-agent >/dev/null 2>&1 || useradd --system --user-group --no-create-home \
    --home-dir "$DATA" --shell /usr/sbin/nologin redflag-agent
  chown -R redflag-agent:redflag-agent "$DATA"
  install -D -m 0644 "$SHARE/monitor.conf" /etc/systemd/system/redflag-agent.service.d/monitor.conf
  RUN_AS=redflag-agent
else
  chown -R root:root "$DATA"
  rm -f /etc/systemd/system/redflag-agent.service.d/monitor.conf
fi

as_agent() {
  if [ "$RUN_AS" = root ]; then "$@"; else runuser -u redflag-agent -- "$@"; fi
}
if [ -f "$DATA/state.json" ]; then
  say "already registered: keeping this agent's identity"
else
  [ -n "${REDFLAG_TOKEN:-}" ] || die "the first install needs a registration token: REDFLAG_TOKEN=rfr_... (the agent files are in place)"
  [ -d /run/systemd/system ] && systemctl stop redflag-agent.service >/dev/null 2>&1 || true
  REDFLAG_REGISTRATION_TOKEN="$REDFLAG_TOKEN" REDFLAG_AGENT_DATA_DIR="$DATA" \
    as_agent /usr/bin/redflag-agent register --server "$SERVER" --data-dir "$DATA" --accept "$ACCEPT" \
      ${FINGERPRINT:+--server-fingerprint "$FINGERPRINT"}
fi

if [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  systemctl enable redflag-agent.service >/dev/null 2>&1
  systemctl restart redflag-agent.service
  say "installed and running (systemctl status redflag-agent; redflag-agent status)"
else
  say "installed; systemd is not running here: start the agent with your init system, e.g."
  say "  redflag-agent run --server $SERVER --data-dir $DATA --accept $ACCEPT"
fi

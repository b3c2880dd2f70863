#!/bin/sh
# Installs the monitoring agent as a systemd service. Run as root from the directory holding
# monitoring-agent.jar (or pass its path as the first argument).
# DESTDIR=/some/dir installs into that tree instead of / (packaging, tests): no root needed
# there, and systemd is left alone.
set -eu

JAR="${1:-$(dirname "$0")/monitoring-agent.jar}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="${DESTDIR:-}"
[ -f "$JAR" ] || { echo "install.sh: $JAR not found (build with mvn -pl monitoring-agent -am package)" >&2; exit 2; }
if [ -z "$ROOT" ]; then
    [ "$(id -u)" = 0 ] || { echo "install.sh: run as root" >&2; exit 2; }
    command -v java >/dev/null 2>&1 || { echo "install.sh: a Java 17+ runtime is required (e.g. apt-get install openjdk-17-jre-headless)" >&2; exit 2; }
fi

install -d -m 755 "$ROOT/opt/monitoring-agent"
install -m 644 "$JAR" "$ROOT/opt/monitoring-agent/monitoring-agent.jar"
install -m 644 "$HERE/jvm.options" "$ROOT/opt/monitoring-agent/jvm.options"
install -d -m 755 "$ROOT/opt/monitoring-agent/bin"
install -m 755 "$HERE/monitoring-agent" "$ROOT/opt/monitoring-agent/bin/monitoring-agent"

install -d -m 700 "$ROOT/etc/monitoring-agent"
if [ ! -f "$ROOT/etc/monitoring-agent/agent.properties" ]; then
    install -m 600 "$HERE/agent.properties" "$ROOT/etc/monitoring-agent/agent.properties"
    echo "wrote /etc/monitoring-agent/agent.properties: set server, username and password, then start the service"
else
    echo "kept existing /etc/monitoring-agent/agent.properties"
fi
install -d -m 700 "$ROOT/var/lib/monitoring-agent"

install -d -m 755 "$ROOT/etc/systemd/system"
install -m 644 "$HERE/monitoring-agent.service" "$ROOT/etc/systemd/system/monitoring-agent.service"
if [ -z "$ROOT" ] && command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    systemctl enable monitoring-agent.service
    echo "enabled; start with: systemctl start monitoring-agent"
else
    echo "systemd not running here: unit installed, enable it once systemd is up"
fi

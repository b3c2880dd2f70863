#!/usr/bin/env bash
# Builds one self-contained server jar (Payara Micro with the application inside) for
# installation as a service: monitoring-web/target/monitoring-server.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${MONITORING_SKIP_BUILD:-0}" != "1" ]; then
  mvn -q -B -DskipTests -pl monitoring-web -am package
fi
java -jar monitoring-web/target/payara-micro.jar --deploy monitoring-web/target/monitoring.war \
  --contextroot / --nocluster --outputUberJar monitoring-web/target/monitoring-server.jar
echo "Built monitoring-web/target/monitoring-server.jar"

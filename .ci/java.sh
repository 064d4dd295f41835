#!/usr/bin/env bash
# Debian's Java runtime for the Spark tests (tests/test_spark.py runs pyspark in local mode).
# Installs it only when no `java` is on the PATH; needs root (CI runs as root).
set -euo pipefail
if command -v java >/dev/null; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "java.sh: installing default-jre-headless needs root" >&2; exit 1; }
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q default-jre-headless

#!/usr/bin/env bash
# Debian's Chromium for the end-to-end browser tests (tests/test_browser.py drives it with Playwright).
# Installs it only when /usr/bin/chromium is missing; needs root (CI runs as root).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "browser.sh: installing chromium needs root" >&2; exit 1; }
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q chromium

#!/usr/bin/env bash
# Installs what tests/browser/gate.mjs needs: Debian's chromium and the pinned npm packages.
# Idempotent; runnable from any working directory.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  # Wait (up to 10 min) rather than fail if another apt/dpkg run holds the lock.
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium
fi

cd "$here"
# playwright-core never downloads browsers on install, but be explicit.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund

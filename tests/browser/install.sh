#!/usr/bin/env bash
# Installs what tests/browser/gate.mjs needs: Debian's chromium and the pinned npm packages.
# Idempotent; runnable from any working directory.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Playwright (and `node --test` with file arguments) need Node 20 or later.
if ! command -v node >/dev/null 2>&1 || ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; then
  echo "the browser checks need Node.js 20 or later (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 2
fi

# Chromium, and fonts so that print and 320 px reflow are measured with real glyphs on a
# bare machine (the fonts are what the checks were tuned with).
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -i dejavu >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  # Wait (up to 10 min) rather than fail if another apt/dpkg run holds the lock.
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium fonts-dejavu-core fontconfig
fi

cd "$here"
# playwright-core never downloads browsers on install, but be explicit.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund

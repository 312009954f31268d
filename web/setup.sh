#!/usr/bin/env bash
# Installs what the web/ tests need beyond the build dependencies: Debian's
# chromium (scripts/install-deps.sh --browser) and playwright-core from npm
# into web/node_modules (pinned by web/package-lock.json; it drives the
# system chromium and downloads no browser).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --browser
if [[ ! -f web/node_modules/playwright-core/package.json ]]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi

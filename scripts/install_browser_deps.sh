#!/usr/bin/env bash
# Installs what `make check` and the browser tests need: Debian's Chromium, Java (for vnu.jar),
# Node.js and the pinned npm checkers. Fails with one line saying what to do if it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v java >/dev/null || need+=(default-jre-headless)
command -v node >/dev/null || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "${need[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${need[@]}" >/dev/null; }
  else
    echo "error: the browser checks need ${need[*]}; run: sudo apt-get install ${need[*]}"; exit 1
  fi
fi
if [ ! -f checkers/node_modules/.installed ] || [ checkers/package-lock.json -nt checkers/node_modules/.installed ]; then
  (cd checkers && npm ci --no-audit --no-fund --ignore-scripts >/dev/null) || { echo "error: npm could not install the checkers in checkers/; check access to the npm registry"; exit 1; }
  touch checkers/node_modules/.installed
fi

#!/usr/bin/env bash
# One command: installs what is missing, builds the engine and the page, and
# prints where the page is. With --open, also opens it in the desktop's browser.
#   dist/aidstat.html   one self-contained file (demo data inside): double-click it
#   www/index.html      the same page for developers (after this build)
#   pkg/                the ES module + TypeScript declarations for portals
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh
if [ -f www/build.mjs ]; then
  node www/build.mjs
fi
page="$(pwd)/dist/aidstat.html"
if [ -f "$page" ]; then
  echo
  echo "The page, with the demo data already analysed:"
  echo "  file://$page"
  if [ "${1:-}" = "--open" ] && command -v xdg-open >/dev/null 2>&1; then xdg-open "$page" >/dev/null 2>&1 || true; fi
fi

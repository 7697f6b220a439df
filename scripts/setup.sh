#!/usr/bin/env bash
# Installs everything the build and the tests need, once per machine.
# Safe to run again: each step is skipped when its tool is already present.
#   - the wasm32-unknown-unknown Rust target
#   - wasm-bindgen-cli at exactly the version Cargo.lock pins (from crates.io)
#   - wasm-pack (from crates.io; it uses the wasm-bindgen above, never downloads one)
#   - Debian's chromium, firefox-esr, webkit2gtk-driver and xvfb (for the browser tests;
#     playwright-core, puppeteer-core and selenium-webdriver never download a browser)
#   - XlsxWriter, openpyxl and python-docx in target/py (requirements-test.txt), the Office tests' independent writer and readers,
#     and duckdb, which runs the SQL aidstat renders (tests/sql.rs)
#   - the npm packages of package.json (esbuild, echarts, playwright-core, puppeteer-core, selenium-webdriver, binaryen)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate version exactly.
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock 2>/dev/null || true)
want=${want:-0.2.130}
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (from crates.io, a few minutes the first time)"
  # --locked can fail when a crate in the CLI's own lock file was yanked; then resolve afresh.
  cargo install --locked wasm-bindgen-cli --version "$want" || cargo install --force wasm-bindgen-cli --version "$want"
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack (from crates.io, a few minutes the first time)"
  cargo install --locked wasm-pack || cargo install wasm-pack
fi

if ! command -v chromium >/dev/null 2>&1; then
  say "installing Debian chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

if ! command -v firefox-esr >/dev/null 2>&1; then
  say "installing Debian firefox-esr (the Firefox tests drive it through WebDriver BiDi)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq firefox-esr >/dev/null
fi

if ! command -v WebKitWebDriver >/dev/null 2>&1 || ! command -v Xvfb >/dev/null 2>&1; then
  say "installing Debian webkit2gtk-driver and xvfb (the WebKit tests: MiniBrowser on a virtual display)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq webkit2gtk-driver xvfb xauth >/dev/null
fi

# Python packages for the workbook tests, in the project's own venv.
if ! target/py/bin/python -c 'import xlsxwriter, openpyxl, docx, duckdb' >/dev/null 2>&1; then
  say "installing Python packages (requirements-test.txt) into target/py"
  if ! python3 -m venv target/py >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv target/py
  fi
  target/py/bin/pip install -q --disable-pip-version-check -r requirements-test.txt
fi

if [ -f package.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages (package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
say "ok"

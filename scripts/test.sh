#!/usr/bin/env bash
# Every test: native Rust (unit, integration, property, catalogue, doc tests,
# clippy), a short fuzz run of every target, then the wasm build and its JS
# API tests (node), then the page in headless Chromium (tests/browser/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
echo "== cargo test"
cargo test --workspace --quiet 2>&1 | grep -vE '^\s*$'
echo "== fuzz smoke (every target a few seconds, from the committed seeds)"
bash scripts/fuzz.sh smoke
echo "== build"
bash scripts/build.sh >/dev/null
echo "== node --test (JS API and browser)"
dirs=(tests/js)
[ -d tests/browser ] && dirs+=(tests/browser)
echo "   (the SIMD build of the core, which the page picks where SIMD validates)"
node --test --test-concurrency=1 "${dirs[@]}"
echo "== node --test again on the scalar build (AIDSTAT_BUILD=scalar: ?build=scalar, pkg/aidstat_bg.wasm)"
AIDSTAT_BUILD=scalar node --test --test-concurrency=1 "${dirs[@]}"

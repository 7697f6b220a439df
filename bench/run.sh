#!/usr/bin/env bash
# The benchmark: builds the engine into bench/pkg/ and runs it beside
# DuckDB-WASM, Arquero and the plain-JS floors in ../shared/bench, in headless
# Chromium. Usage: bench/run.sh [rows (default 1000000)] [repeat (default 5)] [extra run.mjs args]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}; repeat=${2:-5}; shift $(( $# > 2 ? 2 : $# )) || true
harness=../shared/bench
[ -d "$harness" ] || { echo "bench: ../shared/bench not found" >&2; exit 1; }
bash scripts/setup.sh >/dev/null
# The harness must be writable (it writes data/ and results/); else run a copy.
if ! touch "$harness/.w" 2>/dev/null; then
  # (its code only: generated data, results and node_modules are made anew there)
  mkdir -p target/bench-harness
  (cd "$harness" && tar cf - --exclude=./data --exclude=./results --exclude=./node_modules .) | (cd target/bench-harness && tar xf -)
  harness=target/bench-harness
else
  rm -f "$harness/.w"
fi
[ -d "$harness/node_modules" ] || (cd "$harness" && npm ci --no-audit --no-fund --loglevel=error)
# Both builds of the core, as pkg/ ships them (one glue, two .wasm files).
bash scripts/build-wasm.sh >/dev/null
rm -rf bench/pkg && mkdir -p bench/pkg target
cp pkg/aidstat.js pkg/aidstat_bg.wasm pkg/aidstat_simd_bg.wasm bench/pkg/
node "$harness/run.mjs" --engine-dir bench --engines aidstat-simd,aidstat,duckdb,arquero,plainjs-bytes,floor-bytes \
  --rows "$rows" --repeat "$repeat" --json-summary target/bench.json "$@"
echo "summary: target/bench.json"

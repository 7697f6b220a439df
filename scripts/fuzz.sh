#!/usr/bin/env bash
# Fuzzing with cargo-fuzz (libFuzzer) on the stable toolchain.
#
#   scripts/fuzz.sh smoke               every target for a few seconds, from the
#                                       committed seeds (scripts/test.sh runs this)
#   scripts/fuzz.sh long [seconds]      every target for [seconds] (default 600),
#                                       one after another, with AddressSanitizer
#   scripts/fuzz.sh run TARGET [seconds] [asan|none]
#                                       one target (for running two side by side)
#   scripts/fuzz.sh repro TARGET FILE   run one input again (a crash artifact)
#
# Targets: read_csv, read_json, cell, load_analyze, load_chunks, read_workbook,
# load_sheet (fuzz/fuzz_targets/).
# Seeds: fuzz/corpus/<target>/ (committed). What libFuzzer finds goes to
# fuzz/work/<target>/, crashes to fuzz/artifacts/<target>/, logs to
# fuzz/logs/ (all git-ignored). A crash fails the run and prints the input's
# path; turn it into a test under tests/regression/ and fix it.
set -euo pipefail
cd "$(dirname "$0")/.."

# cargo-fuzz passes -Z flags (sanitizers, coverage); stable rustc accepts
# them with RUSTC_BOOTSTRAP=1. No nightly toolchain is needed.
export RUSTC_BOOTSTRAP=1
TARGETS=(read_csv read_json cell load_analyze load_chunks read_workbook load_sheet)
SMOKE_SECONDS=${FUZZ_SMOKE_SECONDS:-6}
# Per input: a hang is an input that takes over 10 s; a memory blow-up is
# one that needs over 2 GB (what a browser tab can give) or one 1 GB malloc.
LIBFUZZER_ARGS=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1)

ensure_cargo_fuzz() {
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz (once)"
    cargo install cargo-fuzz --locked --quiet || cargo install cargo-fuzz --quiet
  fi
}

# Build flags per mode: smoke builds fast (no sanitizer, 16 codegen units,
# no debug info); long runs use AddressSanitizer and the default build.
build_flags() {
  case "$1" in
    none) echo "-s none --codegen-units 16" ;;
    asan) echo "-s address" ;;
  esac
}

# run TARGET SECONDS MODE [extra libFuzzer args]: prints one summary line.
run_target() {
  local target=$1 seconds=$2 mode=$3
  shift 3
  local log=fuzz/logs/$target.$mode.log
  mkdir -p "fuzz/work/$target" "fuzz/artifacts/$target" fuzz/logs
  local status=0
  # shellcheck disable=SC2046
  cargo fuzz run $(build_flags "$mode") "$target" "fuzz/work/$target" "fuzz/corpus/$target" -- \
    "${LIBFUZZER_ARGS[@]}" -max_total_time="$seconds" "$@" >"$log" 2>&1 || status=$?
  local runs corpus
  runs=$(grep -a -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  corpus=$(find "fuzz/work/$target" -type f | wc -l)
  if [ "$status" -ne 0 ]; then
    echo "!! $target: FAILED after ${runs:-?} runs (exit $status). Log: $log"
    grep -a -E 'panicked at|^thread|ERROR: libFuzzer|ERROR: AddressSanitizer|SUMMARY|Test unit written to|Reproduce with' "$log" | head -20 | sed 's/^/   /'
    return 1
  fi
  echo "ok $target: ${runs:-?} runs in ${seconds}s, 0 crashes, working corpus $corpus inputs ($mode)"
}

cmd=${1:-smoke}
case "$cmd" in
  smoke)
    ensure_cargo_fuzz
    echo "== cargo fuzz build (no sanitizer)"
    mkdir -p fuzz/logs
    # shellcheck disable=SC2046
    CARGO_PROFILE_RELEASE_DEBUG=0 cargo fuzz build $(build_flags none) >fuzz/logs/build.log 2>&1 \
      || { tail -30 fuzz/logs/build.log; exit 1; }
    fail=0
    for t in "${TARGETS[@]}"; do
      CARGO_PROFILE_RELEASE_DEBUG=0 run_target "$t" "$SMOKE_SECONDS" none || fail=1
    done
    exit $fail
    ;;
  long)
    seconds=${2:-600}
    ensure_cargo_fuzz
    echo "== cargo fuzz build (AddressSanitizer)"
    # shellcheck disable=SC2046
    cargo fuzz build $(build_flags asan) >/dev/null 2>&1 || cargo fuzz build $(build_flags asan)
    fail=0
    for t in "${TARGETS[@]}"; do
      run_target "$t" "$seconds" asan -max_len=16384 || fail=1
    done
    exit $fail
    ;;
  run)
    target=${2:?target}
    seconds=${3:-600}
    mode=${4:-asan}
    ensure_cargo_fuzz
    run_target "$target" "$seconds" "$mode" -max_len=16384
    ;;
  repro)
    target=${2:?target}
    file=${3:?file}
    ensure_cargo_fuzz
    # shellcheck disable=SC2046
    cargo fuzz run $(build_flags asan) "$target" "$file"
    ;;
  *)
    echo "usage: scripts/fuzz.sh smoke | long [seconds] | run TARGET [seconds] [asan|none] | repro TARGET FILE" >&2
    exit 2
    ;;
esac

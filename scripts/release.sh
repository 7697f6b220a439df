#!/usr/bin/env bash
# Builds the command line for Windows from Linux: dist/aidstat.exe.
# Installs Debian's MinGW-w64 linker and Rust's Windows (GNU) standard
# library when they are missing. Set CARGO_TARGET_DIR to build elsewhere.
#
# panic=unwind for this binary: the workspace's release profile aborts on a
# panic (right for wasm), but natively the Office module turns a panic of the
# workbook reader on a damaged file into a `bad_workbook` error, which needs unwinding.
set -euo pipefail
cd "$(dirname "$0")/.."
target=x86_64-pc-windows-gnu
if ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
  apt-get update
  apt-get install -y gcc-mingw-w64-x86-64
fi
if ! rustup target list --installed | grep -qx "$target"; then
  rustup target add "$target"
fi
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CARGO_PROFILE_RELEASE_PANIC=unwind
cargo build --release -p aidstat-cli --target "$target"
mkdir -p dist
cp "${CARGO_TARGET_DIR:-target}/$target/release/aidstat.exe" dist/aidstat.exe
ls -l dist/aidstat.exe

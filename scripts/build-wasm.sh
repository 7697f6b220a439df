#!/usr/bin/env bash
# Builds the engine for the browser:
#   pkg/                    wasm-pack --target web: ES module + .d.ts, for portals and bundlers
#   target/nomod/           wasm-bindgen --target no-modules: a classic script, for the file:// page
# wasm-opt (from npm's binaryen, never Debian's) shrinks both when it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

wasm-pack build --release --target web --out-dir pkg --out-name aidstat --no-opt >/dev/null 2>&1 \
  || wasm-pack build --release --target web --out-dir pkg --out-name aidstat --no-opt
rm -f pkg/.gitignore
# The load options may be left out (`Table.fromBytes(bytes)`), but a typed
# parameter comes out of wasm-bindgen as required: mark it optional.
sed -i -E 's/\(([a-z]+: [A-Za-z0-9]+, )?options: LoadOptions(, size\?)?/(\1options?: LoadOptions\2/' pkg/aidstat.d.ts

raw=target/wasm32-unknown-unknown/release/aidstat.wasm
wasm-bindgen --target no-modules --no-typescript --out-dir target/nomod --out-name aidstat "$raw"

opt=node_modules/.bin/wasm-opt
if [ -x "$opt" ]; then
  for f in pkg/aidstat_bg.wasm target/nomod/aidstat_bg.wasm; do
    "$opt" -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals "$f" -o "$f.opt" && mv "$f.opt" "$f"
  done
fi
printf '[build-wasm] pkg/aidstat_bg.wasm %s bytes (%s gzip)\n' "$(stat -c %s pkg/aidstat_bg.wasm)" "$(gzip -9c pkg/aidstat_bg.wasm | wc -c)"

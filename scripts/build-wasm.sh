#!/usr/bin/env bash
# Builds the engine for the browser:
#   pkg/                    wasm-pack --target web: ES module + .d.ts, for portals and bundlers
#   target/nomod/           wasm-bindgen --target no-modules: a classic script, for the file:// page
#   pkg/office/, target/nomod/aidstat_office*   the Office module (crates/office: workbooks), the same two ways;
#                           the page loads it only when a workbook is opened
#   pkg/index.js            the package entry: the core, Table.open and initOffice (src/bindings/index.js)
#   pkg/aidstat_simd_bg.wasm, target/nomod/aidstat_simd_bg.wasm
#                           the core again, compiled with WebAssembly SIMD (simd128); the same JS glue
#                           drives both, and the entry (or the page) picks the SIMD one where the
#                           browser validates a SIMD instruction (docs/PERFORMANCE.md, "Two builds")
# wasm-opt (from npm's binaryen, never Debian's) shrinks both when it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

wasm-pack build --release --target web --out-dir pkg --out-name aidstat --no-opt >/dev/null 2>&1 \
  || wasm-pack build --release --target web --out-dir pkg --out-name aidstat --no-opt
rm -f pkg/.gitignore
# The load options may be left out (`Table.fromBytes(bytes)`), but a typed
# parameter comes out of wasm-bindgen as required: mark it optional.
sed -i -E 's/\(([a-z]+: [A-Za-z0-9]+, )?options: LoadOptions(, size\?)?/(\1options?: LoadOptions\2/' pkg/aidstat.d.ts

# Table.open exists once pkg/index.js has run (the package's entry point).
sed -i -E 's|^export class Table \{|export class Table {\n  /**\n   * Reads any supported file: CSV or JSON text as fromBytes does, a workbook\n   * (.xlsx, .xlsm, .xlsb, .xls, .ods) through the Office module, which it\n   * starts first (see initOffice). `options.sheet` picks a sheet. Defined\n   * by the package entry (index.js).\n   */\n  static open(data: Uint8Array \| ArrayBuffer \| Blob, options?: LoadOptions): Promise<Table>;\n  /**\n   * The view analyze(spec) gives, as the bytes of an .xlsx workbook (figures\n   * as numbers with their formats, a notes sheet). Defined by index.js.\n   */\n  toXlsx(spec: AnalysisSpec, options?: { title?: string; lang?: "zh-CN" \| "zh-TW" \| "en"; paragraph?: string; fileName?: string }): Promise<Uint8Array>;\n  /**\n   * The view as a Word report (.docx bytes): title, source line, paragraph,\n   * table, the chart given as a PNG, notes. Defined by index.js.\n   */\n  toDocx(spec: AnalysisSpec, options?: DocxOptions): Promise<Uint8Array>;|' pkg/aidstat.d.ts

raw=target/wasm32-unknown-unknown/release/aidstat.wasm
wasm-bindgen --target no-modules --no-typescript --out-dir target/nomod --out-name aidstat "$raw"

# The SIMD build of the core: its own target dir (other RUSTFLAGS), so neither
# build invalidates the other. Its glue must be the scalar build's, byte for
# byte: one glue, two .wasm files.
CARGO_TARGET_DIR=target/simd RUSTFLAGS="-C target-feature=+simd128" \
  cargo build --release --target wasm32-unknown-unknown --lib -p aidstat --quiet
simd=target/simd/wasm32-unknown-unknown/release/aidstat.wasm
rm -rf target/simd/web target/simd/nomod
wasm-bindgen --target web --out-dir target/simd/web --out-name aidstat "$simd"
wasm-bindgen --target no-modules --no-typescript --out-dir target/simd/nomod --out-name aidstat "$simd"
cmp -s target/simd/web/aidstat.js pkg/aidstat.js || { echo "build-wasm: the SIMD build's glue differs from pkg/aidstat.js" >&2; exit 1; }
cmp -s target/simd/nomod/aidstat.js target/nomod/aidstat.js || { echo "build-wasm: the SIMD build's no-modules glue differs" >&2; exit 1; }
cp target/simd/web/aidstat_bg.wasm pkg/aidstat_simd_bg.wasm
cp target/simd/nomod/aidstat_bg.wasm target/nomod/aidstat_simd_bg.wasm

# The Office module: its own crate, its own .wasm.
cargo build --release --target wasm32-unknown-unknown -p aidstat-office --quiet
office=target/wasm32-unknown-unknown/release/aidstat_office.wasm
rm -rf pkg/office
wasm-bindgen --target web --out-dir pkg/office --out-name aidstat_office "$office"
wasm-bindgen --target no-modules --no-modules-global aidstat_office --no-typescript --out-dir target/nomod --out-name aidstat_office "$office"
cp src/bindings/index.js pkg/index.js
cp src/bindings/index.d.ts pkg/index.d.ts
cp src/bindings/xlsx-export.js pkg/xlsx-export.js
cp src/bindings/simd.js pkg/simd.js
node -e '
  const fs = require("fs");
  const p = JSON.parse(fs.readFileSync("pkg/package.json", "utf8"));
  p.main = "index.js"; p.module = "index.js"; p.types = "index.d.ts";
  p.files = [...new Set([...(p.files || []), "index.js", "index.d.ts", "xlsx-export.js", "simd.js", "aidstat_simd_bg.wasm", "office/"])];
  p.sideEffects = ["./index.js"];
  fs.writeFileSync("pkg/package.json", JSON.stringify(p, null, 2) + "\n");
'

opt=node_modules/.bin/wasm-opt
if [ -x "$opt" ]; then
  # --target web and --target no-modules give the same .wasm bytes: optimise
  # each distinct file once (wasm-opt -O3 takes minutes on the Office module).
  optimise() { # file, extra flags
    "$opt" -O3 $2 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals "$1" -o "$1.opt" && mv "$1.opt" "$1"
  }
  for pair in "pkg/aidstat_bg.wasm target/nomod/aidstat_bg.wasm" \
              "pkg/office/aidstat_office_bg.wasm target/nomod/aidstat_office_bg.wasm" \
              "pkg/aidstat_simd_bg.wasm target/nomod/aidstat_simd_bg.wasm --enable-simd"; do
    set -- $pair
    same=0; cmp -s "$1" "$2" && same=1
    optimise "$1" "${3:-}"
    if [ "$same" = 1 ]; then cp "$1" "$2"; else optimise "$2" "${3:-}"; fi
  done
fi
for f in pkg/aidstat_bg.wasm pkg/aidstat_simd_bg.wasm pkg/office/aidstat_office_bg.wasm; do
  printf '[build-wasm] %s %s bytes (%s gzip)\n' "$f" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done

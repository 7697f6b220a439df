// Which build of the core this JavaScript engine runs: the SIMD one
// (aidstat_simd_bg.wasm) or the scalar one (aidstat_bg.wasm). Shared by the
// package entry (pkg/index.js) and the page (www/src/engine/client.js).

// A module of one function `() -> v128` that splats 0 into a vector
// (i32.const 0; i8x16.splat): valid exactly where SIMD is.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11]);

/** Whether this engine can run the SIMD build of the core. */
export function simdSupported() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch (_) {
    return false;
  }
}

/**
 * 'simd' or 'scalar': `build` ('scalar' forces the scalar one), else
 * `globalThis.AIDSTAT_BUILD` (a switch for testing a whole page), else SIMD
 * where it validates.
 */
export function chooseBuild(build) {
  const forced = build && build !== 'auto' ? build : (typeof globalThis !== 'undefined' ? globalThis.AIDSTAT_BUILD : undefined);
  if (forced === 'scalar') return 'scalar';
  return simdSupported() ? 'simd' : 'scalar';
}

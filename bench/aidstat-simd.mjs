// aidstat, the SIMD build (aidstat_simd_bg.wasm): what the page and pkg/ run where SIMD validates.
import { create } from './_engine.mjs';

export const info = { name: 'aidstat SIMD (Rust/wasm, exact decimals)' };

export default () => create(info.name, 'aidstat_simd_bg.wasm');

// aidstat, the scalar build (aidstat_bg.wasm): what a browser without WebAssembly SIMD runs.
import { create } from './_engine.mjs';

export const info = { name: 'aidstat scalar (Rust/wasm, exact decimals)' };

export default () => create(info.name, 'aidstat_bg.wasm');

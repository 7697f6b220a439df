// Types of pkg/index.js: everything of ./aidstat.js, and the Office module's entry points.
export * from './aidstat.js';

/**
 * Starts the core. With no argument, or `{ build }`, fetches from beside the
 * package the build this engine runs best: `aidstat_simd_bg.wasm` where
 * WebAssembly SIMD validates, else `aidstat_bg.wasm` (`build: 'scalar'`
 * forces that one). A URL, a `WebAssembly.Module` or `{ module_or_path }` is
 * passed to wasm-bindgen's init as it is.
 */
export default function init(
  input?: { build?: 'auto' | 'simd' | 'scalar' } | { module_or_path: RequestInfo | URL | Response | BufferSource | WebAssembly.Module } | RequestInfo | URL | Response | BufferSource | WebAssembly.Module,
): Promise<import('./aidstat.js').InitOutput>;

/** Whether this engine validates WebAssembly SIMD (and so can run `aidstat_simd_bg.wasm`). */
export function simdSupported(): boolean;

/** The core's file to read for this engine (Node: `initSync({ module: readFileSync(...) })`). */
export function coreWasmFile(build?: 'auto' | 'simd' | 'scalar'): 'aidstat_simd_bg.wasm' | 'aidstat_bg.wasm';

/** Which build `init()` started: 'simd', 'scalar', 'given' (a module or URL passed in), or null before. */
export function coreBuild(): 'simd' | 'scalar' | 'given' | null;

/**
 * Starts the Office module (once; later calls return the same promise).
 * With no argument its .wasm is fetched from beside the package
 * (`office/aidstat_office_bg.wasm`); `{ module }` takes a compiled
 * `WebAssembly.Module` or the file's bytes (Node) and starts at once.
 */
export function initOffice(input?: { module: WebAssembly.Module | BufferSource } | { module_or_path: RequestInfo | URL | Response | BufferSource | WebAssembly.Module } | RequestInfo | URL): Promise<void>;

/** Whether the bytes start as a workbook does (a zip or an OLE compound file). */
export function isWorkbook(bytes: Uint8Array): boolean;

/**
 * Text as GB18030 bytes (a CSV export that older Excel and WPS open as GBK).
 * The encoder is in the Office module, started first if needed.
 */
export function encodeGb18030(text: string): Promise<Uint8Array>;

/**
 * Several views as one Word report (.docx bytes), in order; `options.title`
 * is the document's, `options.lang` its language.
 */
export function reportDocx(
  items: Array<{ table: import('./aidstat.js').Table; spec: import('./aidstat.js').AnalysisSpec } & import('./aidstat.js').DocxOptions>,
  options?: { lang?: 'zh-CN' | 'zh-TW' | 'en'; title?: string },
): Promise<Uint8Array>;

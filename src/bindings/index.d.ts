// Types of pkg/index.js: everything of ./aidstat.js, and the Office module's entry points.
export * from './aidstat.js';
export { default } from './aidstat.js';

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
 * Several views as one Word report (.docx bytes), in order; `options.title`
 * is the document's, `options.lang` its language.
 */
export function reportDocx(
  items: Array<{ table: import('./aidstat.js').Table; spec: import('./aidstat.js').AnalysisSpec } & import('./aidstat.js').DocxOptions>,
  options?: { lang?: 'zh-CN' | 'zh-TW' | 'en'; title?: string },
): Promise<Uint8Array>;

// The worker's own code. At run time it is appended to the wasm-bindgen
// `--target no-modules` glue (which defines `wasm_bindgen`) and started as a
// classic Worker from a Blob URL, so it runs from file:// too.
import { createHandler, errorData } from './handler.js';
import { officeStarter } from './office.js';

/* global wasm_bindgen */
let handle = null;
let current = 0;

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === 'init') {
    try {
      wasm_bindgen.initSync({ module: msg.module });
      const startOffice = officeStarter(msg.office, () => self.__aidstatOfficeGlue());
      handle = createHandler(wasm_bindgen, (phase, fraction = null) => self.postMessage({ type: 'progress', id: current, phase, fraction }), startOffice);
      const about = handle({ type: 'version' });
      self.postMessage({ type: 'ready', version: about.version, reasons: about.reasons });
      // A small made-up file through the whole path, so that the analyst's
      // first file runs on optimised code (docs/PERFORMANCE.md, "JIT tiers").
      // Messages sent meanwhile wait for it; it keeps nothing.
      try {
        wasm_bindgen.warmUp();
      } catch {
        // a warm-up that fails costs nothing but its purpose
      }
    } catch (e) {
      self.postMessage({ type: 'init-error', error: errorData(e) });
    }
    return;
  }
  current = msg.id;
  try {
    const result = await handle(msg);
    self.postMessage({ type: 'done', id: msg.id, result });
  } catch (e) {
    self.postMessage({ type: 'failed', id: msg.id, error: errorData(e) });
  }
};

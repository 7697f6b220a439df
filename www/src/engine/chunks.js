// A stream of bytes (File.stream(), a fetch response's body) pushed into the
// engine's Loader chunk by chunk, so a big file is never held whole: only
// the table grows. Used by the page's handler (worker or main thread) and by
// the <aidstat-view> element.

/** Progress is reported at most this often. */
const PROGRESS_EVERY_MS = 100;

/**
 * @param {any} Loader the engine's Loader class (wasm-bindgen)
 * @param {ReadableStream<Uint8Array>} stream
 * @param {number|undefined} size the file's size in bytes, when known
 * @param {object} options load options
 * @param {(fraction: number|null) => void} [onProgress]
 * @returns {Promise<any>} the Table
 */
export async function loadChunks(Loader, stream, size, options, onProgress = () => {}) {
  const loader = new Loader(options || {}, size === undefined ? undefined : Math.min(size, 0xffffffff));
  const reader = stream.getReader();
  let last = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      loader.push(value);
      const now = Date.now();
      if (now - last >= PROGRESS_EVERY_MS) {
        last = now;
        onProgress(size > 0 ? loader.received / size : null);
      }
    }
  } catch (e) {
    reader.cancel().catch(() => {});
    loader.free();
    throw e;
  }
  return loader.finish();
}

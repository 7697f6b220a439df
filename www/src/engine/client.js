// Starts the engine and talks to it.
//
// From file:// a page cannot fetch a .wasm, import an ES module or start a
// Worker from a file. So the build inlines the wasm (base64) and the
// wasm-bindgen `--target no-modules` glue (as text) in a classic script that
// sets `self.AIDSTAT_ENGINE`; here the bytes are compiled asynchronously, a
// classic Worker is made from a Blob URL (glue + worker.js) and receives the
// compiled module by postMessage. If the worker cannot start, the same
// handler runs on the main thread.
import workerCode from 'virtual:worker-code';
import { createHandler, errorData } from './handler.js';

const WORKER_START_TIMEOUT_MS = 30000;

export function base64ToBytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

function cancelledError() {
  return { code: 'cancelled', message: 'cancelled', messageZh: '已取消', messageEn: 'cancelled', line: null, column: null };
}

export class Engine {
  /**
   * @param {{glue: string, wasm: string}} assets from `self.AIDSTAT_ENGINE`
   * @param {{onProgress?: (phase: string) => void, preferWorker?: boolean}} [opts]
   */
  constructor(assets, opts = {}) {
    this.assets = assets;
    this.onProgress = opts.onProgress || (() => {});
    this.preferWorker = opts.preferWorker !== false;
    this.mode = null; // 'worker' | 'main'
    this.version = null;
    this.module = null;
    this.worker = null;
    this.workerUrl = null;
    this.pending = new Map();
    this.nextId = 1;
    this.lastGood = null; // the last load that succeeded, replayed after a restart
    this.inline = null;
    this.busyInline = 0;
  }

  async start() {
    this.module = await WebAssembly.compile(base64ToBytes(this.assets.wasm));
    if (this.preferWorker && typeof Worker !== 'undefined') {
      try {
        await this.startWorker();
        this.mode = 'worker';
        return this;
      } catch (e) {
        // Fall back to the main thread below.
        if (typeof console !== 'undefined') console.warn('aidstat: worker unavailable, computing on the main thread:', e && e.message ? e.message : e);
        this.stopWorker();
      }
    }
    await this.startInline();
    this.mode = 'main';
    return this;
  }

  startWorker() {
    return new Promise((resolve, reject) => {
      const blob = new Blob([this.assets.glue, '\n;\n', workerCode], { type: 'text/javascript' });
      this.workerUrl = URL.createObjectURL(blob);
      let worker;
      try {
        worker = new Worker(this.workerUrl);
      } catch (e) {
        reject(e);
        return;
      }
      this.worker = worker;
      let started = false;
      const timer = setTimeout(() => {
        if (!started) reject(new Error('worker did not start in time'));
      }, WORKER_START_TIMEOUT_MS);
      worker.onmessage = (event) => {
        const msg = event.data;
        if (msg.type === 'ready') {
          started = true;
          clearTimeout(timer);
          this.version = msg.version;
          resolve();
        } else if (msg.type === 'init-error') {
          clearTimeout(timer);
          reject(Object.assign(new Error(msg.error.message), msg.error));
        } else {
          this.onWorkerMessage(msg);
        }
      };
      worker.onerror = (event) => {
        event.preventDefault?.();
        if (!started) {
          clearTimeout(timer);
          reject(new Error(event.message || 'worker failed to start'));
        } else {
          this.failAll({ code: 'engine_crashed', message: event.message || 'worker error', messageZh: null, messageEn: null, line: null, column: null, crashed: true });
          this.restart();
        }
      };
      worker.postMessage({ type: 'init', module: this.module });
    });
  }

  stopWorker() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    if (this.workerUrl) URL.revokeObjectURL(this.workerUrl);
    this.workerUrl = null;
  }

  startInline() {
    // The glue declares `let wasm_bindgen`; a Blob script hands it over.
    const src = `${this.assets.glue}\n;self.__aidstatWasmBindgen = wasm_bindgen;\n`;
    const script = document.createElement('script');
    const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
    return new Promise((resolve, reject) => {
      script.onload = () => {
        URL.revokeObjectURL(url);
        const wb = self.__aidstatWasmBindgen;
        try {
          wb.initSync({ module: this.module });
          this.inline = createHandler(wb, (phase, fraction = null) => this.onProgress(phase, fraction));
          this.version = this.inline({ type: 'version' }).version;
          resolve();
        } catch (e) {
          reject(e);
        }
      };
      script.onerror = () => reject(new Error('engine script failed to load'));
      script.src = url;
      document.head.append(script);
    });
  }

  onWorkerMessage(msg) {
    if (msg.type === 'progress') {
      if (this.pending.has(msg.id)) this.onProgress(msg.phase, msg.fraction ?? null);
      return;
    }
    const entry = this.pending.get(msg.id);
    if (!entry) return;
    this.pending.delete(msg.id);
    if (msg.type === 'done') {
      if (entry.msg.type === 'load') this.lastGood = { ...entry.msg, options: entry.msg.options };
      if (entry.msg.type === 'reload' && this.lastGood) this.lastGood = { ...this.lastGood, options: entry.msg.options };
      entry.resolve(msg.result);
    } else {
      entry.reject(msg.error);
      if (msg.error && msg.error.crashed) this.restart();
    }
  }

  failAll(error) {
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }

  /** Sends a request; resolves with the engine's answer, rejects with plain error data. */
  async request(msg) {
    if (this.restarting) await this.restarting;
    if (this.mode === 'worker') {
      const id = this.nextId++;
      return new Promise((resolve, reject) => {
        this.pending.set(id, { resolve, reject, msg });
        this.worker.postMessage({ ...msg, id });
      });
    }
    // Main thread: let the page paint its progress bar first.
    const id = this.nextId++;
    this.inlineCurrent = id;
    await new Promise((r) => setTimeout(r, 30));
    if (this.inlineCurrent !== id && this.inlineCancelled === id) throw cancelledError();
    try {
      const result = await this.inline(msg);
      if (this.inlineCancelled === id) throw cancelledError();
      return result;
    } catch (e) {
      throw e && e.code === 'cancelled' ? e : errorData(e);
    }
  }

  /** Stops the running request. In a worker: ends it and starts a fresh one with the last good data. */
  async cancel() {
    if (this.mode !== 'worker') {
      this.inlineCancelled = this.inlineCurrent;
      return;
    }
    this.failAll(cancelledError());
    await this.restart();
  }

  restart() {
    if (this.restarting) return this.restarting;
    this.stopWorker();
    this.restarting = (async () => {
      try {
        await this.startWorker();
        if (this.lastGood) {
          const id = this.nextId++;
          const replay = this.lastGood;
          await new Promise((resolve) => {
            this.pending.set(id, { resolve, reject: resolve, msg: replay });
            this.worker.postMessage({ ...replay, id });
          });
        }
      } finally {
        this.restarting = null;
      }
    })();
    return this.restarting;
  }

  load(source, options) {
    // A File crosses to the worker as a handle (no copy) and is read there in chunks.
    let msg;
    if (source.file) msg = { type: 'load', file: source.file, options };
    else if (source.bytes) msg = { type: 'load', bytes: source.bytes, options };
    else msg = { type: 'load', text: source.text, options };
    if (this.mode === 'main') {
      return this.request(msg).then((r) => {
        this.lastGood = msg;
        return r;
      });
    }
    return this.request(msg);
  }

  reload(options) {
    return this.request({ type: 'reload', options });
  }

  analyze(spec) {
    return this.request({ type: 'analyze', spec });
  }

  /** The analyst's checks of the loaded table (`CheckFinding[]`). */
  findings() {
    return this.request({ type: 'findings' });
  }

  /** Text → GB18030 bytes (encoding_rs in the engine). */
  encodeGb18030(text) {
    return this.request({ type: 'gb18030', text });
  }
}

// Starts the engine and talks to it.
//
// From file:// a page cannot fetch a .wasm, import an ES module or start a
// Worker from a file. So the build inlines the wasm (base64) and the
// wasm-bindgen `--target no-modules` glue (as text) in a classic script that
// sets `self.AIDSTAT_ENGINE`; here the bytes are compiled asynchronously, a
// classic Worker is made from a Blob URL (glue + worker.js) and receives the
// compiled module by postMessage. If the worker cannot start, the same
// handler runs on the main thread.
//
// A wasm trap (what a Rust panic becomes) leaves the instance unusable. When
// one happens, the request is rejected with `crashed: true`, the engine starts
// afresh (a new worker, or a new instance on the main thread), loads the last
// data that loaded (with its options and corrections) again, and tells the
// page through `onCrash`, which draws its view again.
import workerCode from 'virtual:worker-code';
import { createHandler, errorData } from './handler.js';
import { base64ToBytes, gunzip, officeStarter } from './office.js';
import { chooseBuild } from '../../../src/bindings/simd.js';

export { base64ToBytes };

const WORKER_START_TIMEOUT_MS = 30000;

function cancelledError() {
  return { code: 'cancelled', message: 'cancelled', messageZh: '已取消', messageEn: 'cancelled', line: null, column: null };
}

export class Engine {
  /**
   * @param {{glue: string, wasm: string}} assets from `self.AIDSTAT_ENGINE`
   * @param {{onProgress?: (phase: string) => void, preferWorker?: boolean, build?: 'scalar',
   *   onCrash?: (recovery: Promise<{restored: boolean}>, during: string|null) => void}} [opts]
   *   `onCrash` is called when the engine has crashed, with the restart under way
   *   (`restored`: the last good load was replayed) and the request that crashed.
   */
  constructor(assets, opts = {}) {
    this.assets = assets;
    this.onProgress = opts.onProgress || (() => {});
    this.preferWorker = opts.preferWorker !== false;
    this.onCrash = opts.onCrash || (() => {});
    this.wantBuild = opts.build; // 'scalar' forces the scalar build
    this.mode = null; // 'worker' | 'main'
    this.version = null;
    this.reasons = {}; // reason code → {zh-CN, zh-TW, en}, from the engine
    this.module = null;
    this.build = null; // 'simd' | 'scalar': which build of the core runs
    this.worker = null;
    this.workerUrl = null;
    this.pending = new Map();
    this.nextId = 1;
    this.lastGood = null; // the last load that succeeded, replayed after a restart
    this.inline = null;
    this.officeFactory = null; // main thread: the same for the Office module (workbooks)
    this.glueFactory = null; // main thread: makes a fresh wasm-bindgen namespace (a fresh instance after a crash)
    this.restarting = null;
  }

  async start() {
    this.module = await this.compileCore();
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
      // The Office glue (a few KB of JS) goes into the worker too; its wasm is
      // inflated and started there only when a workbook is opened.
      // Wrapped so that each call makes a fresh namespace: after a trap in it, a fresh instance.
      const office = this.assets.office ? [`self.__aidstatOfficeGlue = function () {\n${this.assets.office.glue}\n;return aidstat_office;\n};\n`] : [];
      const blob = new Blob([this.assets.glue, '\n;\n', ...office, workerCode], { type: 'text/javascript' });
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
          this.reasons = msg.reasons || {};
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
          this.crashed(null);
        }
      };
      worker.postMessage({ type: 'init', module: this.module, office: this.assets.office ? this.assets.office.wasm : null });
    });
  }

  stopWorker() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    if (this.workerUrl) URL.revokeObjectURL(this.workerUrl);
    this.workerUrl = null;
  }

  /**
   * The core, compiled: the SIMD build (stored gzip-compressed) where the
   * browser validates SIMD and can inflate it, else the scalar one.
   * `this.build` says which.
   */
  async compileCore() {
    if (this.assets.simd && chooseBuild(this.wantBuild) === 'simd' && typeof DecompressionStream === 'function') {
      try {
        const module = await WebAssembly.compile(await gunzip(base64ToBytes(this.assets.simd)));
        this.build = 'simd';
        return module;
      } catch (e) {
        if (typeof console !== 'undefined') console.warn('aidstat: the SIMD build did not start, using the scalar one:', e && e.message ? e.message : e);
      }
    }
    this.build = 'scalar';
    return WebAssembly.compile(base64ToBytes(this.assets.wasm));
  }

  /** Main thread: a fresh wasm-bindgen namespace and instance, and the handler on it. */
  async startInline() {
    if (!this.glueFactory) this.glueFactory = await this.loadGlueFactory();
    const wb = this.glueFactory();
    wb.initSync({ module: this.module });
    const office = this.assets.office;
    const startOffice = officeStarter(office ? office.wasm : null, async () => {
      if (!this.officeFactory) this.officeFactory = await this.loadGlueFactory(office.glue, 'aidstat_office');
      return this.officeFactory();
    });
    this.inline = createHandler(wb, (phase, fraction = null) => this.onProgress(phase, fraction), startOffice);
    const about = this.inline({ type: 'version' });
    this.version = about.version;
    this.reasons = about.reasons || {};
  }

  /**
   * Runs the glue once through a Blob <script> (the page's CSP allows blob:
   * scripts, not eval), wrapped in a function so that each call declares its
   * own `wasm_bindgen`: after a crash the next call gives a clean instance.
   */
  loadGlueFactory(glue = this.assets.glue, global = 'wasm_bindgen') {
    const src = `self.__aidstatGlue = function () {\n${glue}\n;return ${global};\n};\n`;
    const script = document.createElement('script');
    const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
    return new Promise((resolve, reject) => {
      script.onload = () => {
        URL.revokeObjectURL(url);
        const factory = self.__aidstatGlue;
        delete self.__aidstatGlue;
        script.remove();
        if (typeof factory === 'function') resolve(factory);
        else reject(new Error('engine script did not load'));
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
      this.remember(entry.msg);
      entry.resolve(msg.result);
    } else {
      entry.reject(msg.error);
      if (msg.error && msg.error.crashed) {
        // The worker is gone for good: whatever else was waiting on it fails the same way.
        this.failAll(msg.error);
        this.crashed(entry.msg.type);
      }
    }
  }

  /** Keeps the last load that succeeded (bytes or text, and its options), to replay after a restart. */
  remember(msg) {
    if (msg.type === 'load') this.lastGood = msg;
    else if (msg.type === 'reload' && this.lastGood) this.lastGood = { ...this.lastGood, options: msg.options };
  }

  /** The engine crashed (during a request of type `during`): restart it and tell the page. */
  crashed(during) {
    // A crash while restarting (the replay itself) is dealt with by restart().
    if (this.restarting) return;
    this.onCrash(this.restart(), during);
  }

  failAll(error) {
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }

  /** Sends a request; resolves with the engine's answer, rejects with plain error data. */
  async request(msg) {
    if (this.restarting) await this.restarting;
    if (this.mode === 'worker') return this.post(msg);
    // Main thread: let the page paint its progress bar first.
    const id = this.nextId++;
    this.inlineCurrent = id;
    await new Promise((r) => setTimeout(r, 30));
    if (this.restarting) await this.restarting;
    if (this.inlineCurrent !== id && this.inlineCancelled === id) throw cancelledError();
    try {
      const result = await this.inline(msg);
      if (this.inlineCancelled === id) throw cancelledError();
      this.remember(msg);
      return result;
    } catch (e) {
      if (e && e.code === 'cancelled') throw e;
      const data = errorData(e);
      if (data.crashed) this.crashed(msg.type);
      throw data;
    }
  }

  /** Worker: posts a request and waits for its answer. */
  post(msg) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, msg });
      this.worker.postMessage({ ...msg, id });
    });
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

  /**
   * A fresh engine with the last good data loaded again. Resolves with
   * `{ restored }`: false when there was nothing to replay, or the replay
   * failed too (then the engine is left empty, and fresh once more if the
   * replay crashed).
   */
  restart() {
    if (this.restarting) return this.restarting;
    if (this.mode === 'worker') this.stopWorker();
    const fresh = () => (this.mode === 'worker' ? this.startWorker() : this.startInline());
    const replay = (msg) => {
      if (this.mode === 'worker') return this.post(msg);
      // A load answers with a promise (a File streams in): errors either way become plain data.
      return Promise.resolve()
        .then(() => this.inline(msg))
        .catch((e) => {
          throw errorData(e);
        });
    };
    this.restarting = (async () => {
      try {
        await fresh();
        if (!this.lastGood) return { restored: false };
        try {
          await replay(this.lastGood);
          return { restored: true };
        } catch (e) {
          this.lastGood = null;
          if (e && e.crashed) {
            if (this.mode === 'worker') this.stopWorker();
            await fresh();
          }
          return { restored: false };
        }
      } finally {
        this.restarting = null;
      }
    })();
    return this.restarting;
  }

  async load(source, options) {
    // Several files: the worker reads each and combines them (Table.concat).
    if (source.items) {
      try {
        return await this.request({ type: 'load', items: source.items, options });
      } catch (e) {
        if (!e || e.code !== 'worker_read_failed') throw e;
        this.onProgress('reading', null);
        const items = [];
        for (const it of source.items) items.push(it.file ? { bytes: new Uint8Array(await it.file.arrayBuffer()), name: it.name } : it);
        return this.request({ type: 'load', items, options });
      }
    }
    // A File crosses to the worker as a handle (no copy) and is read there in
    // chunks. Where the worker cannot read it (WebKit), the page reads it and
    // sends the bytes.
    if (source.file) {
      try {
        return await this.request({ type: 'load', file: source.file, options });
      } catch (e) {
        if (!e || e.code !== 'worker_read_failed') throw e;
        this.onProgress('reading', null);
        const bytes = new Uint8Array(await source.file.arrayBuffer());
        return this.request({ type: 'load', bytes, options });
      }
    }
    if (source.bytes) return this.request({ type: 'load', bytes: source.bytes, options });
    return this.request({ type: 'load', text: source.text, options });
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

  /**
   * One slice of the checks: `{ done, step, steps }`, with `findings` when
   * done. Ask for the next slice after this one answers, so that analyses
   * asked for in between run first.
   */
  checkStep() {
    return this.request({ type: 'check-step' });
  }

  /** A view (an analyze result) → the bytes of an .xlsx (the Office module). */
  xlsx(result, options) {
    return this.request({ type: 'xlsx', result, options });
  }

  /** Views ({result, schema?, options}) → the bytes of one Word report (the Office module). */
  docx(views, options) {
    return this.request({ type: 'docx', views, options });
  }

  /** Text → GB18030 bytes (encoding_rs in the engine). */
  encodeGb18030(text) {
    return this.request({ type: 'gb18030', text });
  }

  /** Makes the engine panic on purpose (the page's `?debug=crash` hook, for tests of the recovery). */
  crashTest() {
    return this.request({ type: 'crash-test' });
  }
}

// The analyst's page: boots the engine and shows the demo. What it does is
// in app/ (state, analysis, drawing, inputs, exports, crash recovery), ui/,
// render/ and export/; docs/PAGE.md describes it.
import DEMO_CSV from 'virtual:demo';
import { Engine } from './engine/client.js';
import { addReasons, setLang, t } from './i18n.js';
import { ChartView } from './render/chart.js';
import { foldControls, setupCellNotes } from './ui/access.js';
import { Controls } from './ui/controls.js';
import { FindingsPanel } from './ui/findings.js';
import { Understood } from './ui/understood.js';
import { defaultSpec, parseHash, specFits } from './view.js';
import { analyse, loadSource, onSpecChange, reread } from './app/analysis.js';
import { recoverFromCrash } from './app/crash.js';
import { applyStaticText } from './app/draw.js';
import { setupInputs, setupLanguage, setupOutputs } from './app/inputs.js';
import { $, app, DEMO_NAME, LANG_KEY, progress, setState, showError } from './app/state.js';

async function boot() {
  setState('booting');
  const hash = parseHash(location.hash);
  let stored = null;
  try {
    stored = localStorage.getItem(LANG_KEY);
  } catch (_) { /* ignore */ }
  setLang(hash.lang || stored || 'zh-CN');
  app.pendingHash = hash.spec;
  app.pendingRead = hash.read;
  if (hash.chart) app.chart.kind = hash.chart;
  app.chart.swap = hash.swap;
  applyStaticText();

  app.controls = new Controls($('#view-form'), onSpecChange, () => onSpecChange(defaultSpec(app.schema)));
  app.understood = new Understood($('#understood'), (read) => reread(read));
  app.findingsPanel = new FindingsPanel($('#findings'), (read) => reread(read));
  app.chartView = new ChartView($('#chart'));
  app.cellNotes = setupCellNotes($('#table-wrap'), $('#cell-note'));
  foldControls($('#view-details'));
  setupInputs();
  setupOutputs();
  setupLanguage();
  window.addEventListener('hashchange', () => {
    const next = parseHash(location.hash);
    if (next.spec && app.schema && specFits(next.spec, app.schema)) {
      app.spec = next.spec;
      app.controls.render(app.schema, app.values, app.spec);
      analyse();
    }
  });

  const assets = self.AIDSTAT_ENGINE;
  if (!assets) {
    showError({ code: 'no_engine', messageZh: t('error.noBuild', null, 'zh-CN'), messageEn: t('error.noBuild', null, 'en') });
    return;
  }
  progress.show('starting');
  try {
    const preferWorker = !/[?&]worker=off\b/.test(location.search);
    // ?build=scalar: the scalar build of the core even where SIMD runs (docs/PAGE.md).
    const build = /[?&]build=scalar\b/.test(location.search) ? 'scalar' : undefined;
    app.engine = new Engine(assets, { onProgress: (phase, fraction = null) => progress.show(phase, fraction), preferWorker, build, onCrash: recoverFromCrash });
    await app.engine.start();
    document.documentElement.dataset.engine = app.engine.mode;
    document.documentElement.dataset.engineBuild = app.engine.build;
    addReasons(app.engine.reasons);
    // ?debug=crash: a hook for tests/browser/crash.test.mjs to make the engine panic (docs/PAGE.md).
    if (/[?&]debug=crash\b/.test(location.search)) window.aidstatCrashTest = () => app.engine.crashTest().catch(() => {});
  } catch (err) {
    progress.hide();
    const m = (err && err.message) || String(err);
    // Chromium before 97 compiles wasm under a CSP only with 'unsafe-eval', which the page does not allow.
    const key = /disallowed by embedder|Content Security Policy|unsafe-eval/i.test(m) ? 'error.engineOld' : 'error.engine';
    showError({ code: 'engine_start', messageZh: t(key, { m }, 'zh-CN'), messageEn: t(key, { m }, 'en') });
    return;
  }
  applyStaticText();
  // The first screen: the demo, analysed (in the view of the link, if it fits).
  await loadSource({ kind: 'demo', name: DEMO_NAME, text: DEMO_CSV }, { read: {}, spec: hash.spec });
}

boot();

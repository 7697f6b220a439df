// An engine crash: the engine restarts with the last data (engine/client.js);
// here the view on screen is drawn again and the analyst is told.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { analyse } from './analysis.js';
import { $, app, busy, clearError, progress, updateState } from './state.js';

/** Files above this size get a word about memory if loading them crashes the engine. */
export const BIG_FILE_BYTES = 100 * 1024 * 1024;

export const RECOVERED_DURING = { load: 'error.recoveredLoad', reload: 'error.recoveredReload' };

/**
 * The engine crashed (a wasm trap, e.g. a panic) and is restarting with the
 * last data that loaded (engine/client.js). Once it is back, the view last
 * drawn is computed again, so the analyst keeps the data, the view and the
 * figures; the alert says what happened. A crash while doing this is only
 * reported, never recovered from in a loop.
 * @param {Promise<{restored: boolean}>} recovery
 * @param {string|null} during the request that crashed
 */
export async function recoverFromCrash(recovery, during) {
  const again = app.recovering;
  app.recovering = true;
  busy(+1);
  progress.show('restarting');
  let key = 'error.recovered';
  const more = [];
  try {
    const { restored } = await recovery;
    if (!restored) key = 'error.crashLost';
    else if (!again && app.shownSpec && app.schema) {
      if (JSON.stringify(app.spec) !== JSON.stringify(app.shownSpec)) {
        // The crash was in a new view: go back to the one on screen.
        app.spec = JSON.parse(JSON.stringify(app.shownSpec));
        app.controls.render(app.schema, app.values, app.spec);
        more.push('error.recoveredView');
      }
      await analyse({ recovering: true });
    }
  } catch (_) {
    key = 'error.crashDead';
  } finally {
    if (!again) app.recovering = false;
    busy(-1);
  }
  if (RECOVERED_DURING[during]) more.push(RECOVERED_DURING[during]);
  // A big file that crashed the engine while loading most likely ran it out of memory.
  const memory = during === 'load' && app.loadingBytes > BIG_FILE_BYTES ? ['error.crashMemory'] : [];
  showCrash(key, [...(key === 'error.recovered' ? more : []), ...memory]);
}

export function showCrash(key, more) {
  const box = $('#alert');
  replace(box,
    h('strong', null, t('error.title')), ' ',
    h('span', { 'data-role': 'message' }, [key, ...more].map((k) => t(k)).join('')),
    h('button', { type: 'button', class: 'btn btn-small', onclick: () => clearError({ refocus: true }) }, t('error.dismiss')));
  box.hidden = false;
  box.dataset.code = 'engine_crashed';
  box.dataset.recovery = key.replace('error.', '');
  updateState();
}

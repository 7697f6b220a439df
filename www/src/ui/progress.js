// The progress bar with its cancel button. It appears only when work takes
// longer than a moment, so quick views do not flicker.
import { t } from '../i18n.js';

const SHOW_AFTER_MS = 150;

export class Progress {
  /** @param {HTMLElement} root the #progress element */
  constructor(root, onCancel) {
    this.root = root;
    this.label = root.querySelector('[data-role=label]');
    this.bar = root.querySelector('progress');
    this.cancel = root.querySelector('button');
    this.cancel.addEventListener('click', () => onCancel());
    this.timer = null;
  }

  /** Shows a phase: "reading" (with a fraction), "parsing", "analysing", "starting". */
  show(phase, fraction = null) {
    this.label.textContent = t(`progress.${phase}`);
    if (fraction === null) this.bar.removeAttribute('value');
    else this.bar.value = Math.max(0, Math.min(1, fraction));
    this.cancel.textContent = t('progress.cancel');
    if (this.root.hidden && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.root.hidden = false;
      }, SHOW_AFTER_MS);
    }
  }

  hide() {
    clearTimeout(this.timer);
    this.timer = null;
    this.root.hidden = true;
  }
}

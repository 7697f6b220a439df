// The progress bar with its cancel button. It appears only when work takes
// longer than a moment, so quick views do not flicker. What it shows is also
// said in a live region that is always rendered (`data-live` on the bar
// names it; a region shown from display:none is not announced reliably):
// the phase once the bar appears and when the phase changes, not every step
// of the fraction. A cancel that hides the bar gives the focus to the element
// named by `data-return-focus`, so it does not fall to the top of the page.
import { t } from '../i18n.js';

const SHOW_AFTER_MS = 150;

export class Progress {
  /** @param {HTMLElement} root the #progress element */
  constructor(root, onCancel) {
    this.root = root;
    this.label = root.querySelector('[data-role=label]');
    this.bar = root.querySelector('progress');
    this.cancel = root.querySelector('button');
    const doc = root.ownerDocument;
    this.live = root.dataset.live ? doc.getElementById(root.dataset.live) : null;
    this.returnFocus = root.dataset.returnFocus ? doc.getElementById(root.dataset.returnFocus) : null;
    this.cancel.addEventListener('click', () => onCancel());
    this.timer = null;
  }

  /** Shows a phase: "reading" (with a fraction), "parsing", "analysing", "starting". */
  show(phase, fraction = null) {
    const text = t(`progress.${phase}`);
    this.label.textContent = text;
    if (fraction === null) this.bar.removeAttribute('value');
    else this.bar.value = Math.max(0, Math.min(1, fraction));
    this.cancel.textContent = t('progress.cancel');
    if (!this.root.hidden) this.say(text);
    else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.root.hidden = false;
        this.say(this.label.textContent);
      }, SHOW_AFTER_MS);
    }
  }

  /** Writes the phase into the live region when it changed. */
  say(text) {
    if (this.live && this.live.textContent !== text) this.live.textContent = text;
  }

  hide() {
    clearTimeout(this.timer);
    this.timer = null;
    const doc = this.root.ownerDocument;
    const hadFocus = !this.root.hidden && this.root.contains(doc.activeElement);
    this.root.hidden = true;
    if (this.live) this.live.textContent = '';
    if (hadFocus && this.returnFocus) this.returnFocus.focus();
  }
}

// "Alice est en train d'écrire…": who is typing in the channel on screen, each shown for a few
// seconds after their last typing event, or until their message arrives.
import { t } from './i18n.js';

const SHOW_MS = 5000;

export class TypingIndicator {
  /** {@code element} shows the sentence; {@code nameOf(userId)} gives the name to show. */
  constructor(element, nameOf) {
    this.element = element;
    this.nameOf = nameOf;
    this.timers = new Map();
  }

  typing(userId) {
    clearTimeout(this.timers.get(userId));
    this.timers.set(userId, setTimeout(() => this.stopped(userId), SHOW_MS));
    this.render();
  }

  stopped(userId) {
    if (!this.timers.has(userId)) return;
    clearTimeout(this.timers.get(userId));
    this.timers.delete(userId);
    this.render();
  }

  /** Another channel is on screen: nobody there is known to type. */
  clear() {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.render();
  }

  render() {
    const names = [...this.timers.keys()].map(this.nameOf);
    this.element.textContent = names.length
      ? t(names.length > 1 ? 'typingMany' : 'typingOne', { names: names.join(', ') }) : '';
  }
}

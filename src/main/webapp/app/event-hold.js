// Events that arrive while a page reads its lists wait until the reads are done. A list answered from a
// state older than an event would otherwise overwrite what that event changed (a star, a new channel);
// one answered from a newer state already shows the change, and the store applies an event twice
// without harm (store.js). Shared by the window and the widget. No DOM: runs in Node for the tests.

export class EventHold {
  constructor() {
    this.reads = 0;
    this.waiting = [];
  }

  /**
   * True when a read is in flight: the event is kept and handed to `handler` once none is. The page's
   * event handler starts with `if (hold.keep(event, onEvent)) return;`.
   */
  keep(event, handler) {
    if (this.reads === 0) return false;
    this.waiting.push({ event, handler });
    return true;
  }

  /** Runs `read()` (async), holding events meanwhile; then hands over those kept, in their order. */
  async during(read) {
    this.reads++;
    try {
      return await read();
    } finally {
      this.reads--;
      // A handler may start another read: the rest then waits for that one too.
      while (this.reads === 0 && this.waiting.length) {
        const { event, handler } = this.waiting.shift();
        try {
          handler(event);
        } catch (error) {
          console.error(error); // one event's failure must not keep the others waiting
        }
      }
    }
  }
}

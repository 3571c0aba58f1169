// An EventSource that does not give up. The browser reconnects by itself after a network failure, but
// an answer that is not a stream (401 once the session expired, 403, 5xx from a proxy) closes it for
// good, and the tabs would go silently stale. This reopens it after a growing wait, resuming from the
// last event id seen (?lastEventId=, since a new EventSource cannot send Last-Event-ID), and says how
// the connection is: 'live', 'reconnecting' (the browser retries) or 'offline' (closed; reopening later).
// Used by the shared worker and by pages without SharedWorker; no DOM, so it runs in Node for the tests.

export const REOPEN_DELAYS_MS = [2000, 5000, 10000, 30000];

/**
 * Each wait is stretched or shrunk at random (half to one and a half times), so that the tabs a
 * restarted node refused do not all come back in the same second. (After a plain network failure the
 * browser waits the delay the server gave this stream, itself random.)
 */
export function reopenDelay(failures, random = Math.random) {
  return Math.round(REOPEN_DELAYS_MS[Math.min(failures, REOPEN_DELAYS_MS.length - 1)] * (0.5 + random()));
}

/**
 * `url`: the stream; `onEvent(event)` for each parsed event; `onState(state)` on each change.
 * Returns `{ close() }`. `EventSourceImpl`, `timers` and `random` may be replaced (tests).
 */
export function openStream(url, { onEvent, onState }, { EventSourceImpl = globalThis.EventSource, timers = globalThis, random = Math.random } = {}) {
  let source = null;
  let lastEventId = null;
  let failures = 0;
  let timer = null;
  let closed = false;

  const connect = () => {
    timer = null;
    const target = new URL(url);
    if (lastEventId) target.searchParams.set('lastEventId', lastEventId);
    source = new EventSourceImpl(target.href, { withCredentials: true });
    source.onopen = () => {
      failures = 0;
      onState('live');
    };
    source.onmessage = (message) => {
      if (message.lastEventId) lastEventId = message.lastEventId;
      let event;
      try {
        event = JSON.parse(message.data);
      } catch {
        return;
      }
      onEvent(event);
    };
    source.onerror = () => {
      if (closed) return;
      if (source.readyState !== EventSourceImpl.CLOSED) {
        onState('reconnecting');
        return;
      }
      source.close();
      onState('offline');
      const delay = reopenDelay(failures, random);
      failures++;
      timer = timers.setTimeout(connect, delay);
    };
  };
  connect();
  return {
    close() {
      closed = true;
      if (timer) timers.clearTimeout(timer);
      source?.close();
    },
  };
}

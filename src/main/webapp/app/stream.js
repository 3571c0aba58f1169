// The page's side of the shared event stream (see stream-worker.js). Where SharedWorker is missing,
// the page opens its own stream: correct, just one connection per tab.
import { openStream } from './stream-source.js';

const STREAM_URL = new URL('../api/v1/stream', import.meta.url).href;

/** How long a page waits for the stream to open before it reads its lists all the same. */
export const STREAM_WAIT_MS = 2000;

/**
 * Calls `onEvent(event)` for each event, `onOpen()` each time the stream (re)opens, and
 * `onState(state)` when it is 'reconnecting' or 'offline' (the page is then possibly stale). Returns
 * a promise of the first opening.
 */
export function subscribe(onEvent, onOpen, onState = () => {}) {
  let opened;
  const firstOpening = new Promise((resolve) => { opened = resolve; });
  const open = () => {
    opened();
    onOpen();
  };
  const handle = (data) => {
    if (data.kind === 'event') onEvent(data.event);
    else if (data.kind === 'open') open();
    else if (data.kind === 'state') onState(data.state);
  };
  if (typeof SharedWorker === 'function') {
    // A module worker, under a name of its own: a classic worker of an older page keeps its name.
    const worker = new SharedWorker(new URL('./stream-worker.js', import.meta.url), { name: 'clavardage-stream-2', type: 'module' });
    worker.port.onmessage = (message) => handle(message.data);
    worker.port.start();
    worker.port.postMessage({ kind: 'connect', url: STREAM_URL });
    addEventListener('pagehide', () => worker.port.postMessage({ kind: 'close' }));
    // Restored from the back/forward cache: the port was given up on pagehide, so start afresh.
    addEventListener('pageshow', (e) => { if (e.persisted) location.reload(); });
    return firstOpening;
  }
  openStream(STREAM_URL, {
    onEvent,
    onState: (state) => (state === 'live' ? open() : onState(state)),
  });
  return firstOpening;
}

/** Resolves when `opening` does, or after `ms` at the latest. */
export function openedWithin(opening, ms = STREAM_WAIT_MS) {
  return Promise.race([opening, new Promise((resolve) => { setTimeout(resolve, ms); })]);
}

// The page's side of the shared event stream (see stream-worker.js). Where SharedWorker is missing,
// the page opens its own EventSource: correct, just one connection per tab.
const STREAM_URL = new URL('../api/v1/stream', import.meta.url).href;

/** Calls {@code onEvent(event)} for each event and {@code onOpen()} each time the stream (re)opens. */
export function subscribe(onEvent, onOpen) {
  const handle = (data) => {
    if (data.kind === 'event') onEvent(data.event);
    else if (data.kind === 'open') onOpen();
  };
  if (typeof SharedWorker === 'function') {
    const worker = new SharedWorker(new URL('./stream-worker.js', import.meta.url), { name: 'clavardage-stream' });
    worker.port.onmessage = (message) => handle(message.data);
    worker.port.start();
    worker.port.postMessage({ kind: 'connect', url: STREAM_URL });
    addEventListener('pagehide', () => worker.port.postMessage({ kind: 'close' }));
    // Restored from the back/forward cache: the port was given up on pagehide, so start afresh.
    addEventListener('pageshow', (e) => { if (e.persisted) location.reload(); });
    return;
  }
  const source = new EventSource(STREAM_URL, { withCredentials: true });
  source.onopen = () => onOpen();
  source.onmessage = (message) => handle({ kind: 'event', event: JSON.parse(message.data) });
}

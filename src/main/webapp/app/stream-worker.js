// One event stream per browser, shared by every tab of the ERP that shows the chat or the widget:
// browsers allow about six HTTP/1.1 connections per host, so ten tabs with a stream each would starve
// the page of connections. The stream reopens after the session expired or any refusal
// (stream-source.js); each tab hears the connection's state, to say when it is offline or stale.
import { openStream } from './stream-source.js';

const ports = new Set();
let stream = null;
let state = 'connecting';

function broadcast(message) {
  for (const port of ports) port.postMessage(message);
}

function connect(url) {
  if (stream) return;
  stream = openStream(url, {
    onEvent: (event) => broadcast({ kind: 'event', event }),
    onState: (next) => {
      state = next;
      broadcast(next === 'live' ? { kind: 'open' } : { kind: 'state', state: next });
    },
  });
}

onconnect = (connection) => {
  const port = connection.ports[0];
  ports.add(port);
  port.onmessage = (message) => {
    if (message.data?.kind === 'connect') {
      connect(message.data.url);
      port.postMessage(state === 'live' ? { kind: 'open' } : { kind: 'state', state });
    } else if (message.data?.kind === 'close') {
      ports.delete(port);
      if (ports.size === 0 && stream) {
        stream.close();
        stream = null;
        state = 'connecting';
      }
    }
  };
  port.start();
};

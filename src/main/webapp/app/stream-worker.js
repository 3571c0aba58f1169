// One event stream per browser, shared by every tab of the ERP that shows the chat or the widget:
// browsers allow about six HTTP/1.1 connections per host, so ten tabs with a stream each would starve
// the page of connections. EventSource reconnects by itself and sends Last-Event-ID, so the server
// replays what was missed.
const ports = new Set();
let source = null;

function broadcast(message) {
  for (const port of ports) port.postMessage(message);
}

function connect(url) {
  if (source) return;
  source = new EventSource(url, { withCredentials: true });
  source.onopen = () => broadcast({ kind: 'open' });
  source.onerror = () => broadcast({ kind: 'error' });
  source.onmessage = (message) => {
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    broadcast({ kind: 'event', event });
  };
}

onconnect = (connection) => {
  const port = connection.ports[0];
  ports.add(port);
  port.onmessage = (message) => {
    if (message.data?.kind === 'connect') {
      connect(message.data.url);
      if (source?.readyState === EventSource.OPEN) port.postMessage({ kind: 'open' });
    } else if (message.data?.kind === 'close') {
      ports.delete(port);
      if (ports.size === 0 && source) {
        source.close();
        source = null;
      }
    }
  };
  port.start();
};

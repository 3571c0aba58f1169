// Posts that arrive in the channel being read are seen at once, but the server hears it at most once
// every few seconds per page: a channel where people talk would otherwise cost a write per post and per
// reader. What is still pending goes out when the page is hidden or closed.
import { api } from './api.js';

const DELAY_MS = 5000;

/** `openChannelId()` says which channel is on screen when the read is sent. */
export function readLater(openChannelId) {
  let timer = null;
  let pendingId = null;
  const send = (leaving) => {
    clearTimeout(timer);
    timer = null;
    const id = pendingId;
    pendingId = null;
    if (id != null) api.markRead(id, { leaving }).catch(() => {});
  };
  addEventListener('pagehide', () => send(true));
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') send(true); });
  const later = () => {
    const id = openChannelId();
    if (id == null || document.visibilityState !== 'visible') return;
    if (pendingId != null && pendingId !== id) send(false);
    pendingId = id;
    if (!timer) timer = setTimeout(() => send(false), DELAY_MS);
  };
  /** Sends what is pending now: call it before leaving the channel, so later posts there stay unread. */
  later.now = () => send(false);
  return later;
}

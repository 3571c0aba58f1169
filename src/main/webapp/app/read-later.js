// Posts that arrive in the channel being read are seen at once; the server hears it once per burst
// (at most once a second), not once per post.
import { api } from './api.js';

const DELAY_MS = 1000;

/** `openChannelId()` says which channel is on screen when the timer fires. */
export function readLater(openChannelId) {
  let timer = null;
  return () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      const id = openChannelId();
      if (id != null && document.visibilityState === 'visible') api.markRead(id).catch(() => {});
    }, DELAY_MS);
  };
}

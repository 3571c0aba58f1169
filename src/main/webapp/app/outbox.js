// Sends, for the window and the widget alike. A draft gets a client key at its first attempt and keeps
// it until the server has the post, so an attempt whose answer was lost is never written twice: the
// server answers a repeated key with the post it already has. Attempts that may have reached the
// server or may succeed later (no answer, 408, 429, 5xx) are retried a few times with the same key;
// a refusal (any other 4xx) drops the key, and the corrected text goes out as a new message.
// No DOM and no fetch here: the send function is given, so this runs in Node for the unit tests.

/** True when the same send may succeed later, and may already have reached the server. */
export function retryable(error) {
  const status = error?.status ?? 0;
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

export function newClientKey() {
  return globalThis.crypto?.randomUUID ? globalThis.crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export class Outbox {
  /**
   * `sendPost(channelId, {message, recipients, clientKey})` returns the post or throws an error with a
   * `status` (0 when nothing answered). `delays` are the waits before each automatic retry.
   */
  constructor(sendPost, { delays = [1000, 3000], sleep = (ms) => new Promise((r) => setTimeout(r, ms)), newKey = newClientKey } = {}) {
    this.sendPost = sendPost;
    this.delays = delays;
    this.sleep = sleep;
    this.newKey = newKey;
    this.sending = new Set(); // drafts with an attempt under way
  }

  /**
   * Sends a draft ({text, recipients, clientKey}) to a channel. On success the draft is emptied (unless
   * the user typed something else meanwhile) and the post returned. On failure the text and recipients
   * stay, and the error is thrown; the key stays too when the failure was not a refusal.
   */
  async send(channelId, draft) {
    if (this.sending.has(draft)) return null; // one attempt at a time: a double Enter sends once
    const text = draft.text;
    const recipients = [...draft.recipients];
    draft.clientKey = draft.clientKey || this.newKey();
    this.sending.add(draft);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const post = await this.sendPost(channelId, { message: text, recipients, clientKey: draft.clientKey });
          draft.clientKey = null;
          if (draft.text === text) {
            draft.text = '';
            draft.recipients = [];
          }
          return post;
        } catch (error) {
          if (!retryable(error)) {
            draft.clientKey = null; // refused, not lost: the user fixes the text and sends a new one
            throw error;
          }
          if (attempt >= this.delays.length) throw error; // the key stays for the user's Retry
          await this.sleep(this.delays[attempt]);
        }
      }
    } finally {
      this.sending.delete(draft);
    }
  }
}

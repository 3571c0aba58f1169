// What the chat window's components share: the store and the outbox that chat.js creates, a few helpers
// they all use, and `hooks`, the functions one component asks of another. Components import this module,
// never each other, so there is no import cycle between them; chat.js, the composition root, puts each
// component's functions into `hooks` under their own names (selectChannel, loadNewest, …).
import { api } from './api.js';
import { errorText, lang, t } from './i18n.js';

export const LOCALE = lang === 'en' ? 'en-GB' : 'fr-FR';

/** Created by chat.js at start, once the session says who is here. */
export let store = null;
/** Where sends go (outbox.js), so nothing typed is lost or sent twice; created by chat.js. */
export let outbox = null;

export function useStore(created) {
  store = created;
}

export function useOutbox(created) {
  outbox = created;
}

/** Filled in by chat.js: `hooks.name(…)` calls the component function called `name`. */
export const hooks = {};

export function userName(id) {
  return store.userName(id);
}

export function avatarOf(id) {
  return store.users.get(id)?.avatarUrl || `../api/v1/users/${encodeURIComponent(id)}/avatar`;
}

export function channelLabel(c) {
  return c.general ? t('general') : c.displayName;
}

/** The open channel, or null. */
export function current() {
  return store.current();
}

// The directory's first matches for what was typed: nothing when empty, or when the search fails.
export async function searchUsers(q) {
  if (!q) return [];
  try {
    return (await api.users({ q, limit: 12 })).users;
  } catch {
    return [];
  }
}

/** Shows an error in a dialog's error line, in the page's language, or hides the line. */
export function dialogError(dialog, error) {
  const p = dialog.querySelector('.dialog-error');
  p.textContent = error ? errorText(error) : '';
  p.hidden = !error;
}

export function wireCancel(dialog) {
  dialog.querySelector('button[value="cancel"]')?.addEventListener('click', () => dialog.close());
}

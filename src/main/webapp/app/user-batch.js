// Users a page meets (authors, recipients of older messages) without knowing them yet. They are
// asked for by id, many in one request, never by downloading the whole directory.
import { api } from './api.js';

const BATCH_MAX = 200;

/**
 * `known` is the page's Map of users by id; `onLearned` runs after new users were added to it.
 * Returns `know(ids)`: call it with every id a rendering needs; unknown ones are fetched shortly after.
 */
export function userBatch(known, onLearned) {
  const wanted = new Set();
  let timer = null;
  const fetchWanted = async () => {
    const ids = [...wanted].slice(0, BATCH_MAX);
    ids.forEach((id) => wanted.delete(id));
    timer = null;
    try {
      for (const u of (await api.users({ ids }, true)).users) known.set(u.id, u);
      onLearned();
    } catch {
      // Shown by id until a later message asks again.
    }
    if (wanted.size) know([]);
  };
  function know(ids) {
    for (const id of ids) if (!known.has(id)) wanted.add(id);
    if (wanted.size && !timer) timer = setTimeout(fetchWanted, 50);
  }
  return know;
}

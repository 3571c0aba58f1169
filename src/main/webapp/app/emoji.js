// Emoji: the catalog (from the API), :shortcode: replacement, and the data for the picker and the
// autocomplete that opens after ':' and two letters.
import { api } from './api.js';

let byName = new Map();
let groups = [];

export async function loadEmoji() {
  try {
    groups = await api.emoji();
  } catch {
    groups = [];
  }
  byName = new Map();
  for (const group of groups) {
    for (const entry of group.emoji) {
      for (const name of entry.names) if (!byName.has(name)) byName.set(name, entry.emoji);
    }
  }
  return groups;
}

export function emojiGroups() {
  return groups;
}

/** Replaces known :names: by their emoji, outside of code spans and blocks. */
export function replaceShortcodes(text) {
  if (byName.size === 0) return text;
  return text.split(/(```[\s\S]*?```|`[^`\n]*`)/g)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/:([a-z0-9_+-]{1,64}):/g, (m, name) => byName.get(name) || m)))
    .join('');
}

/** Up to {@code limit} shortcodes starting with (then containing) the typed prefix. */
export function suggest(prefix, limit = 8) {
  const p = prefix.toLowerCase();
  const starts = [];
  const contains = [];
  for (const [name, emoji] of byName) {
    if (name.startsWith(p)) starts.push({ name, emoji });
    else if (name.includes(p)) contains.push({ name, emoji });
    if (starts.length >= limit) break;
  }
  return [...starts, ...contains].slice(0, limit);
}

// Messages are Markdown rendered by marked, then sanitized by DOMPurify before they touch the page:
// whatever a user types, no script runs and no markup escapes its message.
import { Marked } from '../webjars/marked/15.0.7/lib/marked.esm.js';
import DOMPurify from '../webjars/dompurify/3.2.4/dist/purify.es.mjs';
import { replaceShortcodes } from './emoji.js';

// HTML typed in a message is shown as the text it is, not interpreted (and then stripped to an empty
// bubble): people paste snippets, and Markdown is the way to format.
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const marked = new Marked({ gfm: true, breaks: true, renderer: { html: ({ text }) => escapeHtml(text) } });

const ALLOWED_TAGS = ['a', 'b', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr',
  'i', 'img', 'li', 'ol', 'p', 'pre', 's', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul', 'span'];
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title', 'align', 'start'];
const SAFE_URL = /^(?:https?:|mailto:|\/|\.\.?\/|#)/i;

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  for (const attr of ['href', 'src']) {
    if (node.hasAttribute(attr) && !SAFE_URL.test(node.getAttribute(attr).trim())) node.removeAttribute(attr);
  }
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
  if (node.tagName === 'IMG') {
    node.setAttribute('loading', 'lazy');
    node.setAttribute('referrerpolicy', 'no-referrer');
  }
});

/** Safe HTML for a message's text. */
export function renderMarkdown(text) {
  const html = marked.parse(replaceShortcodes(text));
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false });
}

/** A message made only of a few emoji shows them large, as chat users expect. */
export function isEmojiOnly(text) {
  const stripped = replaceShortcodes(text).replace(/\s+/g, '');
  return stripped.length > 0 && stripped.length <= 24 && /^(\p{Extended_Pictographic}|\u200d|\ufe0f|\p{Emoji_Modifier})+$/u.test(stripped);
}

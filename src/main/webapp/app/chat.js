// The chat window: channels on the left, the selected channel's messages in the middle, every ERP
// user on the right. Live through the shared event stream, whose events carry the change: each one is
// applied in place, never by downloading a list again. Nothing typed is ever lost.
import { api, ApiError } from './api.js';
import { t, errorText, lang } from './i18n.js';
import { renderMarkdown, isEmojiOnly } from './markdown.js';
import { loadEmoji, emojiGroups, suggest } from './emoji.js';
import { subscribe } from './stream.js';
import { el, $ } from './dom.js';
import { TypingIndicator } from './typing.js';
import { userBatch } from './user-batch.js';
import { readLater } from './read-later.js';

/** The users column loads a page at a time: a company of thousands is never downloaded whole. */
const USERS_PAGE = 100;
const STATUS_ORDER = { online: 0, away: 1, dnd: 2, offline: 3 };
const TYPING_SEND_MS = 3000;
const ACTIVITY_MS = 60000;
const PAGE = 50;
const LOCALE = lang === 'en' ? 'en-GB' : 'fr-FR';
const PALETTE = ['#2F80ED', '#27AE60', '#EB5757', '#F2994A', '#9B51E0', '#00A3A3', '#D6338A', '#8D6E63', '#5D6D7E', '#F2C94C'];

const state = {
  me: null, admin: false, readingOrder: 'newest_bottom',
  users: [], usersCursor: null, usersById: new Map(), channels: [], currentId: null,
  posts: new Map(), // seq -> post, current channel only
  hasOlder: false, loadingOlder: false, recipients: [], draftKey: null,
};

function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function userName(id) {
  return state.usersById.get(id)?.displayName || id;
}

const typing = new TypingIndicator(document.getElementById('typing'), userName);

function avatarOf(id) {
  return state.usersById.get(id)?.avatarUrl || `../api/v1/users/${encodeURIComponent(id)}/avatar`;
}

function applyStaticTexts() {
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
}

// ---------------------------------------------------------------- channels (left)

function current() {
  return state.channels.find((c) => c.id === state.currentId) || null;
}

async function refreshChannels(refresh = false) {
  state.channels = await api.channels(refresh);
  if (!current() && state.channels.length) {
    const wanted = Number(new URLSearchParams(location.search).get('channel'));
    await selectChannel((state.channels.find((c) => c.id === wanted) || state.channels[0]).id);
  }
  renderChannels();
}

function renderChannels() {
  const list = $('channel-list');
  list.replaceChildren(...state.channels.map((c) => {
    const selected = c.id === state.currentId;
    const item = el('li', {
      class: `channel${selected ? ' selected' : ''}${c.unread ? ' unread' : ''}`,
      'data-channel-id': c.id, style: `--channel-color:${c.color}`,
    },
    el('button', {
      type: 'button', class: 'edit-arrow', title: t('editChannelOf', { name: c.displayName }),
      'aria-label': t('editChannelOf', { name: c.displayName }), onclick: () => openChannelDialog(c),
    }, '▸'),
    el('button', { type: 'button', class: 'open', 'aria-current': selected ? 'true' : null, onclick: () => selectChannel(c.id) },
      el('span', { class: 'dot', 'aria-hidden': 'true' }),
      el('span', { class: 'name', text: c.general ? t('general') : c.displayName }),
      c.mentionCount ? el('span', { class: 'badge', title: t('mentions'), text: String(c.mentionCount) }) : null,
      c.unread ? el('span', { class: 'star', role: 'img', 'aria-label': t('unread'), title: t('unread'), text: '🌟' }) : null));
    return item;
  }));
  const c = current();
  if (c) {
    $('channel-title').textContent = c.general ? t('general') : c.displayName;
    $('channel-dot').style.setProperty('--channel-color', c.color);
    $('channel-purpose').textContent = c.purpose || '';
    $('leave-channel').hidden = c.general;
    document.title = `${c.general ? t('general') : c.displayName} — Clavardage`;
  }
}

async function selectChannel(id) {
  if (state.currentId === id) return;
  markReadSoon.now();
  state.currentId = id;
  state.posts = new Map();
  state.hasOlder = false;
  typing.clear();
  $('messages').replaceChildren();
  renderChannels();
  await loadNewest(true);
  $('message-input').focus();
}

// ---------------------------------------------------------------- messages (middle)

function sortedPosts() {
  return [...state.posts.values()].sort((a, b) => a.seq - b.seq);
}

/** Merges the newest page (and any gap before it) into what is shown; drops posts deleted since. */
async function loadNewest(first = false, refresh = false) {
  const channelId = state.currentId;
  if (channelId == null) return;
  const page = await api.posts(channelId, null, PAGE, refresh);
  if (channelId !== state.currentId) return;
  const known = sortedPosts();
  const newestKnown = known.length ? known[known.length - 1].seq : 0;
  let posts = page.posts;
  let cursor = page.nextBefore;
  // Fill a gap when more than a page arrived since the last look; bounded, and the user can still
  // scroll back through anything beyond the bound.
  for (let guard = 0; !first && cursor && cursor > newestKnown + 1 && newestKnown > 0 && guard < 10; guard++) {
    const older = await api.posts(channelId, cursor, 200, refresh);
    posts = posts.concat(older.posts);
    cursor = older.nextBefore;
  }
  if (channelId !== state.currentId) return;
  const lowest = posts.length ? posts[posts.length - 1].seq : Infinity;
  const fetched = new Set(posts.map((p) => p.seq));
  for (const seq of [...state.posts.keys()]) {
    if (seq >= lowest && !fetched.has(seq)) state.posts.delete(seq);
  }
  for (const post of posts) state.posts.set(post.seq, post);
  if (first) state.hasOlder = page.nextBefore != null;
  renderPosts(first ? 'start' : 'update');
  markReadIfSeen();
}

async function loadOlder() {
  if (!state.hasOlder || state.loadingOlder) return;
  const channelId = state.currentId;
  const oldest = sortedPosts()[0];
  if (!oldest) return;
  state.loadingOlder = true;
  try {
    const page = await api.posts(channelId, oldest.seq, PAGE);
    if (channelId !== state.currentId) return;
    for (const post of page.posts) state.posts.set(post.seq, post);
    state.hasOlder = page.nextBefore != null;
    renderPosts('older');
  } finally {
    state.loadingOlder = false;
  }
}

function renderPosts(reason) {
  const box = $('messages');
  const newestAtTop = state.readingOrder === 'newest_top';
  const atNewestEnd = newestAtTop ? box.scrollTop < 40 : box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  const fromBottom = box.scrollHeight - box.scrollTop;
  const fromTop = box.scrollTop;

  const posts = sortedPosts();
  const existing = new Map([...box.querySelectorAll('.message')].map((node) => [Number(node.dataset.seq), node]));
  const nodes = posts.map((post) => {
    const node = existing.get(post.seq);
    if (node && node.dataset.version === version(post) && !node.classList.contains('editing')) return node;
    if (node && node.classList.contains('editing')) return node;
    return renderPost(post);
  });
  const edge = el('div', { class: 'history-edge', id: 'history-edge' },
    posts.length === 0 ? t('noMessages') : (state.hasOlder ? t('loadingOlder') : t('historyStart')));
  if (newestAtTop) nodes.reverse();
  box.replaceChildren(...(newestAtTop ? [...nodes, edge] : [edge, ...nodes]));
  olderObserver.disconnect();
  olderObserver.observe(edge);

  if (reason === 'start' || (reason === 'update' && atNewestEnd) || reason === 'order') {
    box.scrollTop = newestAtTop ? 0 : box.scrollHeight;
  } else if (reason === 'older' || reason === 'update') {
    // Keep what the user is reading in place while content grows on the other side.
    if (newestAtTop) box.scrollTop = reason === 'older' ? fromTop : fromTop + (box.scrollHeight - fromBottom - fromTop);
    else box.scrollTop = box.scrollHeight - fromBottom;
  }
}

const olderObserver = new IntersectionObserver((entries) => {
  if (entries.some((e) => e.isIntersecting)) loadOlder();
}, { root: null, rootMargin: '200px' });

function version(post) {
  return `${post.editedAt || ''}|${state.usersById.get(post.authorId)?.displayName || ''}`;
}

function renderPost(post) {
  knowUsers([post.authorId, ...post.recipients]);
  const mine = post.authorId === state.me.id;
  const mentionsMe = post.recipients.includes(state.me.id);
  const created = new Date(post.createdAt);
  const body = el('div', { class: `body${isEmojiOnly(post.message) ? ' big-emoji' : ''}` });
  body.innerHTML = renderMarkdown(post.message);
  const node = el('article', {
    class: `message${mentionsMe ? ' mention' : ''}`, 'data-seq': post.seq, 'data-post-id': post.id,
    'data-version': version(post),
  },
  el('img', { class: 'avatar', src: avatarOf(post.authorId), alt: '' }),
  el('div', { class: 'meta' },
    el('span', { class: 'author', text: userName(post.authorId) }),
    el('time', { datetime: post.createdAt, title: created.toLocaleString(LOCALE), text: created.toLocaleTimeString(LOCALE, { hour: '2-digit', minute: '2-digit' }) }),
    post.edited ? el('span', { class: 'edited', text: t('edited') }) : null,
    post.recipients.length ? el('span', { class: 'to', text: `${t('to')} ${post.recipients.map(userName).join(', ')}` }) : null),
  (mine || state.admin) ? messageMenu(post, mine) : el('span'),
  body);
  return node;
}

function messageMenu(post, mine) {
  const wrapper = el('div', { class: 'actions' });
  const menu = el('ul', { class: 'menu', role: 'menu', hidden: true });
  const button = el('button', {
    type: 'button', class: 'menu-button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', title: t('menu'), 'aria-label': t('menu'),
    onclick: () => {
      const open = menu.hidden;
      menu.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
      if (open) menu.querySelector('button')?.focus();
    },
  }, '⋯');
  const close = () => { menu.hidden = true; button.setAttribute('aria-expanded', 'false'); };
  if (mine) menu.append(el('li', {}, el('button', { type: 'button', role: 'menuitem', class: 'edit-post', onclick: () => { close(); editPost(post); } }, t('edit'))));
  menu.append(el('li', {}, el('button', {
    type: 'button', role: 'menuitem', class: 'delete-post',
    onclick: async () => {
      close();
      if (!confirm(t('confirmDelete'))) return;
      try {
        await api.deletePost(post.id);
        state.posts.delete(post.seq);
        renderPosts('update');
      } catch (e) {
        alert(errorText(e));
      }
    },
  }, t('delete'))));
  menu.addEventListener('keydown', (e) => { if (e.key === 'Escape') { close(); button.focus(); } });
  wrapper.append(button, menu);
  return wrapper;
}

function editPost(post) {
  const node = $('messages').querySelector(`.message[data-seq="${post.seq}"]`);
  if (!node) return;
  node.classList.add('editing');
  const body = node.querySelector('.body');
  const area = el('textarea', { 'aria-label': t('edit') });
  area.value = post.message;
  const error = el('p', { class: 'dialog-error', role: 'alert', hidden: true });
  const finish = () => { node.classList.remove('editing'); renderPosts('update'); };
  const save = async () => {
    try {
      const updated = await api.editPost(post.id, area.value);
      state.posts.set(updated.seq, updated);
      node.dataset.version = '';
      finish();
    } catch (e) {
      error.textContent = errorText(e);
      error.hidden = false;
    }
  };
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); save(); }
    if (e.key === 'Escape') { e.preventDefault(); node.dataset.version = ''; finish(); }
  });
  body.replaceChildren(el('div', { class: 'editor' }, area, error,
    el('button', { type: 'button', class: 'text-button', onclick: () => { node.dataset.version = ''; finish(); } }, t('cancel')),
    el('button', { type: 'button', class: 'primary', onclick: save }, t('save'))));
  area.focus();
}

const markReadSoon = readLater(() => state.currentId);

/** Seen = the channel is on screen in a visible tab: its star goes, for this user only. */
async function markReadIfSeen() {
  const c = current();
  if (!c || !c.unread || document.visibilityState !== 'visible') return;
  c.unread = false;
  c.mentionCount = 0;
  renderChannels();
  try {
    await api.markRead(c.id);
  } catch {
    // The next poll shows the truth again.
  }
}

// ---------------------------------------------------------------- composer

async function send(event) {
  event?.preventDefault();
  const input = $('message-input');
  const text = input.value;
  if (!text.trim() || state.currentId == null) return;
  state.draftKey = state.draftKey || newKey();
  const channelId = state.currentId;
  $('send-button').disabled = true;
  try {
    const post = await api.send(channelId, { message: text, recipients: state.recipients, clientKey: state.draftKey });
    // Only now is the draft safe to drop; a failure above keeps it for a retry with the same key.
    if (input.value === text) input.value = '';
    state.draftKey = null;
    state.recipients = [];
    renderRecipients();
    $('send-error').hidden = true;
    if (channelId === state.currentId) {
      state.posts.set(post.seq, post);
      renderPosts('start');
    }
  } catch (e) {
    $('send-error-text').textContent = t('sendFailed', { reason: errorText(e) });
    $('send-error').hidden = false;
    if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429) {
      state.draftKey = null; // refused, not lost: the user fixes the text and sends a new one
    }
  } finally {
    $('send-button').disabled = false;
  }
}

function renderRecipients() {
  $('recipient-chips').replaceChildren(...state.recipients.map((id) => el('span', { class: 'chip', 'data-user-id': id },
    userName(id),
    el('button', {
      type: 'button', title: t('removeRecipient', { name: userName(id) }), 'aria-label': t('removeRecipient', { name: userName(id) }),
      onclick: () => { state.recipients = state.recipients.filter((r) => r !== id); renderRecipients(); },
    }, '×'))));
}

function addRecipient(id) {
  if (!state.recipients.includes(id)) state.recipients.push(id);
  renderRecipients();
}

function setupRecipients() {
  const input = $('recipient-input');
  const list = $('recipient-suggestions');
  let matches = [];
  let active = 0;
  let asked = 0;
  const show = async () => {
    const q = input.value.trim();
    const ticket = ++asked;
    let found = [];
    if (q) {
      try {
        found = (await api.users({ q, limit: 12 })).users;
      } catch {
        found = [];
      }
    }
    if (ticket !== asked) return; // a newer keystroke already asked
    for (const u of found) state.usersById.set(u.id, u);
    matches = found.filter((u) => !state.recipients.includes(u.id) && u.canChat !== false).slice(0, 8);
    active = 0;
    list.replaceChildren(...matches.map((u, i) => el('li', {
      role: 'option', 'aria-selected': String(i === active), 'data-user-id': u.id,
      onmousedown: (e) => { e.preventDefault(); choose(u); },
    }, el('span', { text: u.displayName }), el('span', { class: 'hint', text: u.login }))));
    list.hidden = matches.length === 0;
  };
  const choose = (u) => { addRecipient(u.id); input.value = ''; show(); input.focus(); };
  input.addEventListener('input', show);
  input.addEventListener('blur', () => setTimeout(() => { list.hidden = true; }, 100));
  input.addEventListener('keydown', (e) => {
    if (!list.hidden && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + matches.length) % matches.length;
      [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
    } else if ((e.key === 'Enter' || e.key === 'Tab' || e.key === ',') && !list.hidden && matches[active]) {
      e.preventDefault();
      choose(matches[active]);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      $('message-input').focus();
    } else if (e.key === 'Backspace' && !input.value && state.recipients.length) {
      state.recipients.pop();
      renderRecipients();
    } else if (e.key === 'Escape') {
      list.hidden = true;
    }
  });
}

function insertAtCursor(textarea, text, replaceBefore = 0) {
  const start = textarea.selectionStart - replaceBefore;
  const end = textarea.selectionEnd;
  textarea.setRangeText(text, start, end, 'end');
  textarea.dispatchEvent(new Event('input'));
  textarea.focus();
}

function setupComposer() {
  const input = $('message-input');
  const list = $('emoji-suggestions');
  let matches = [];
  let active = 0;
  let typed = '';
  const hide = () => { list.hidden = true; matches = []; };
  const choose = (m) => { insertAtCursor(input, `${m.emoji} `, typed.length + 1); hide(); };
  let typingSentAt = 0;
  input.addEventListener('input', () => {
    if (input.value && state.currentId != null && Date.now() - typingSentAt > TYPING_SEND_MS) {
      typingSentAt = Date.now();
      api.typing(state.currentId).catch(() => {});
    }
    const before = input.value.slice(0, input.selectionStart);
    const match = /(?:^|\s):([a-z0-9_+-]{2,})$/i.exec(before);
    if (!match) { hide(); return; }
    typed = match[1];
    matches = suggest(typed);
    active = 0;
    list.replaceChildren(...matches.map((m, i) => el('li', {
      role: 'option', 'aria-selected': String(i === active), 'data-name': m.name,
      onmousedown: (e) => { e.preventDefault(); choose(m); },
    }, el('span', { text: m.emoji }), el('span', { text: `:${m.name}:` }))));
    list.hidden = matches.length === 0;
  });
  input.addEventListener('keydown', (e) => {
    if (!list.hidden && matches.length) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        active = (active + (e.key === 'ArrowDown' ? 1 : -1) + matches.length) % matches.length;
        [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === active)));
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); choose(matches[active]); return; }
      if (e.key === 'Escape') { hide(); return; }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) send(e);
  });
  input.addEventListener('blur', () => setTimeout(hide, 100));
  $('composer').addEventListener('submit', send);
  $('retry-send').addEventListener('click', () => send());
  setupEmojiPicker(input);
}

function setupEmojiPicker(input) {
  const picker = $('emoji-picker');
  const button = $('emoji-button');
  let built = false;
  const build = () => {
    const groups = emojiGroups();
    const tabs = el('div', { class: 'tabs', role: 'tablist' });
    const grid = el('div', { class: 'grid', role: 'tabpanel' });
    const showGroup = (index) => {
      [...tabs.children].forEach((tab, i) => tab.setAttribute('aria-selected', String(i === index)));
      grid.replaceChildren(...groups[index].emoji.map((entry) => el('button', {
        type: 'button', title: `:${entry.names[0]}:`, 'aria-label': entry.names[0], 'data-name': entry.names[0],
        onclick: () => { insertAtCursor(input, entry.emoji); picker.hidden = true; button.setAttribute('aria-expanded', 'false'); },
      }, entry.emoji)));
      grid.scrollTop = 0;
    };
    groups.forEach((group, i) => tabs.append(el('button', {
      type: 'button', role: 'tab', title: group.name, onclick: () => showGroup(i),
    }, group.emoji[0]?.emoji || '?')));
    picker.replaceChildren(tabs, grid);
    if (groups.length) showGroup(0);
    built = true;
  };
  button.addEventListener('click', () => {
    if (!built) build();
    picker.hidden = !picker.hidden;
    button.setAttribute('aria-expanded', String(!picker.hidden));
  });
  picker.addEventListener('keydown', (e) => { if (e.key === 'Escape') { picker.hidden = true; button.focus(); } });
}

// ---------------------------------------------------------------- users (right)

/** The first page of the users column (later pages come with the "more" button). */
async function refreshUsers(refresh = false) {
  const page = await api.users({ limit: USERS_PAGE }, refresh);
  state.users = page.users;
  state.usersCursor = page.nextCursor;
  for (const u of page.users) state.usersById.set(u.id, u);
  renderUsers();
}

async function moreUsers() {
  if (!state.usersCursor) return;
  const page = await api.users({ limit: USERS_PAGE, cursor: state.usersCursor });
  const shown = new Set(state.users.map((u) => u.id));
  state.users.push(...page.users.filter((u) => !shown.has(u.id)));
  state.usersCursor = page.nextCursor;
  for (const u of page.users) state.usersById.set(u.id, u);
  renderUsers();
}

/** Users met in messages but not yet known to the page: asked for in one batch, not the whole directory. */
const knowUsers = userBatch(state.usersById, () => renderPosts('update'));

/** The column's order, as the server computes it: by status, then by name; oneself last. */
function sortUsers() {
  const collator = new Intl.Collator(LOCALE);
  state.users.sort((a, b) => (a.self - b.self) || (STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
    || collator.compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : 1));
}

function renderUsers() {
  const groups = [
    ['online', state.users.filter((u) => !u.self && u.status === 'online')],
    ['away', state.users.filter((u) => !u.self && (u.status === 'away' || u.status === 'dnd'))],
    ['offline', state.users.filter((u) => !u.self && u.status === 'offline')],
    ['you', state.users.filter((u) => u.self)],
  ];
  $('user-list').replaceChildren(...groups.filter(([, users]) => users.length).map(([key, users]) => el('section', { 'data-group': key },
    el('h3', { text: t(key) }),
    el('ul', {}, users.map((u) => el('li', {
      class: 'user', 'data-user-id': u.id, tabindex: '0', title: u.fullName,
      ondblclick: () => addRecipient(u.id),
      onkeydown: (e) => { if (e.key === 'Enter' && e.target === e.currentTarget) addRecipient(u.id); },
    },
    el('img', { src: u.avatarUrl, alt: t('avatarOf', { name: u.displayName }) }),
    el('span', { class: `status ${u.status}`, title: t(u.status === 'dnd' ? 'dnd' : u.status === 'online' ? 'online' : u.status === 'away' ? 'away' : 'offline') }),
    el('span', { class: 'name', text: u.self ? t('selfLabel', { name: u.displayName }) : u.displayName }),
    (u.self || state.admin) ? el('button', {
      type: 'button', class: 'edit-arrow', title: t('editUserOf', { name: u.displayName }),
      'aria-label': t('editUserOf', { name: u.displayName }), onclick: () => openUserDialog(u),
    }, '▸') : null))))),
  state.usersCursor ? el('button', { type: 'button', class: 'text-button more-users', onclick: () => moreUsers().catch(() => {}) }, t('moreUsers')) : '');
}

// ---------------------------------------------------------------- dialogs

function dialogError(dialog, error) {
  const p = dialog.querySelector('.dialog-error');
  p.textContent = error ? errorText(error) : '';
  p.hidden = !error;
}

function wireCancel(dialog) {
  dialog.querySelector('button[value="cancel"]')?.addEventListener('click', () => dialog.close());
}

let channelDialogTarget = null;

function openChannelDialog(channel) {
  const dialog = $('channel-dialog');
  const form = $('channel-form');
  channelDialogTarget = channel;
  form.reset();
  dialogError(dialog, null);
  for (const node of form.querySelectorAll('.create-only')) node.hidden = Boolean(channel);
  $('channel-dialog-title').textContent = channel ? t('editChannelOf', { name: channel.displayName }) : t('newChannel');
  form.displayName.value = channel ? channel.displayName : '';
  form.purpose.value = channel?.purpose || '';
  setColor(channel ? channel.color : PALETTE[Math.floor(Math.random() * PALETTE.length)]);
  dialog.showModal();
  form.displayName.focus();
}

function setColor(color) {
  const form = $('channel-form');
  form.color.value = color.toUpperCase();
  form.colorPicker.value = color.toLowerCase();
  for (const b of $('palette').children) b.setAttribute('aria-pressed', String(b.dataset.color === color.toUpperCase()));
}

function setupChannelDialog() {
  const dialog = $('channel-dialog');
  const form = $('channel-form');
  $('palette').replaceChildren(...PALETTE.map((color) => el('button', {
    type: 'button', style: `background:${color}`, 'data-color': color, title: color, 'aria-label': color, onclick: () => setColor(color),
  })));
  form.colorPicker.addEventListener('input', () => setColor(form.colorPicker.value));
  form.color.addEventListener('change', () => { if (/^#[0-9a-f]{6}$/i.test(form.color.value)) setColor(form.color.value); });
  wireCancel(dialog);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const fields = { displayName: form.displayName.value, color: form.color.value, purpose: form.purpose.value };
    try {
      if (channelDialogTarget) {
        await api.updateChannel(channelDialogTarget.id, fields);
        dialog.close();
        await refreshChannels();
      } else {
        const created = await api.createChannel({ ...fields, name: form.name.value || undefined, type: form.type.value });
        dialog.close();
        await refreshChannels();
        await selectChannel(created.id);
      }
    } catch (error) {
      dialogError(dialog, error);
    }
  });
  $('new-channel').addEventListener('click', () => openChannelDialog(null));
}

let userDialogTarget = null;

function openUserDialog(user) {
  const dialog = $('user-dialog');
  const form = $('user-form');
  userDialogTarget = user;
  form.reset();
  dialogError(dialog, null);
  $('user-dialog-title').textContent = t('editUserOf', { name: user.displayName });
  $('user-dialog-avatar').src = user.avatarUrl;
  form.nickname.value = user.nickname || '';
  dialog.showModal();
  form.nickname.focus();
}

function setupUserDialog() {
  const dialog = $('user-dialog');
  const form = $('user-form');
  wireCancel(dialog);
  form.avatar.addEventListener('change', () => {
    const file = form.avatar.files[0];
    if (file) $('user-dialog-avatar').src = URL.createObjectURL(file);
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const file = form.avatar.files[0];
      if (file) await api.uploadAvatar(userDialogTarget.id, file);
      if ((userDialogTarget.nickname || '') !== form.nickname.value) {
        await api.updateUser(userDialogTarget.id, { nickname: form.nickname.value });
      }
      dialog.close();
      // The profile.changed event redraws the user everywhere, in this tab and the others.
    } catch (error) {
      dialogError(dialog, error);
    }
  });
}

function setupBrowseDialog() {
  const dialog = $('browse-dialog');
  $('browse-channels').addEventListener('click', async () => {
    const channels = await api.publicChannels();
    const list = $('public-channels');
    list.replaceChildren(...(channels.length ? channels.map((c) => el('li', { 'data-channel-id': c.id, style: `--channel-color:${c.color}` },
      el('span', { class: 'channel-dot' }),
      el('span', { class: 'name', text: c.general ? t('general') : c.displayName }),
      c.member ? el('span', { class: 'hint', text: t('joined') }) : el('button', {
        type: 'button', class: 'primary',
        onclick: async () => {
          await api.join(c.id, state.me.id);
          dialog.close();
          await refreshChannels();
          await selectChannel(c.id);
        },
      }, t('join')))) : [el('li', { text: t('noPublic') })]));
    dialog.showModal();
  });
  $('leave-channel').addEventListener('click', async () => {
    const c = current();
    if (!c || c.general) return;
    try {
      await api.leave(c.id, state.me.id);
      state.currentId = null;
      await refreshChannels();
    } catch (e) {
      alert(errorText(e));
    }
  });
}

function setupReadingOrder() {
  const select = $('reading-order');
  select.value = state.readingOrder;
  $('chat').dataset.order = state.readingOrder;
  select.addEventListener('change', async () => {
    state.readingOrder = select.value;
    $('chat').dataset.order = state.readingOrder;
    renderPosts('order');
    try {
      await api.setPreferences({ readingOrder: state.readingOrder });
    } catch (e) {
      alert(errorText(e));
    }
  });
}

// ---------------------------------------------------------------- live

/** Users column and messages redrawn at most once per frame, however many events arrive. */
let usersDirty = false;
function renderUsersSoon() {
  if (usersDirty) return;
  usersDirty = true;
  requestAnimationFrame(() => { usersDirty = false; sortUsers(); renderUsers(); renderPosts('update'); });
}

function updateUser(userId, changes) {
  const known = state.usersById.get(userId);
  if (known) Object.assign(known, changes);
  const listed = state.users.find((u) => u.id === userId);
  if (listed && listed !== known) Object.assign(listed, changes);
  if (known || listed) renderUsersSoon();
}

/** A new post elsewhere lights the star; one addressed to me also counts as a mention. */
function postArrived(post) {
  const c = state.channels.find((ch) => ch.id === post.channelId);
  if (!c) return;
  c.lastPostSeq = Math.max(c.lastPostSeq || 0, post.seq);
  c.lastPostAt = post.createdAt;
  if (post.authorId === state.me.id) return;
  const reading = post.channelId === state.currentId && document.visibilityState === 'visible';
  if (!reading) {
    c.unread = true;
    if (post.recipients.includes(state.me.id)) c.mentionCount = (c.mentionCount || 0) + 1;
  }
  renderChannels();
  if (reading) markReadSoon();
}

function onEvent(event) {
  const inCurrent = event.channelId != null && event.channelId === state.currentId;
  switch (event.type) {
    case 'post.created':
    case 'post.edited':
      // Replayed from the log after the post was edited or deleted: no text; a later event has it.
      if (event.data.redacted) break;
      if (inCurrent) {
        state.posts.set(event.data.seq, event.data);
        typing.stopped(event.data.authorId);
        renderPosts('update');
      }
      if (event.type === 'post.created') postArrived(event.data);
      break;
    case 'post.deleted':
      if (inCurrent) {
        state.posts.delete(event.data.seq);
        renderPosts('update');
      }
      break;
    case 'typing':
      if (inCurrent && event.data.userId !== state.me.id) {
        typing.typing(event.data.userId);
      }
      break;
    case 'channel.viewed': {
      // Read in another tab or device: the star goes here too.
      const c = state.channels.find((ch) => ch.id === event.channelId);
      if (c) {
        c.unread = false;
        c.mentionCount = 0;
        renderChannels();
      }
      break;
    }
    case 'channel.created':
    case 'channel.updated': {
      const c = state.channels.find((ch) => ch.id === event.data.id);
      if (c) {
        // The event carries the channel itself; what is personal (unread, role) stays as it is here.
        for (const key of ['name', 'displayName', 'color', 'type', 'purpose']) c[key] = event.data[key];
      } else if (event.type === 'channel.created' && event.data.createdBy === state.me.id) {
        state.channels.push({ ...event.data, role: 'admin', unread: false, mentionCount: 0, lastViewedSeq: event.data.lastPostSeq });
      }
      renderChannels();
      break;
    }
    case 'member.added':
      if (event.data.userId === state.me.id && !state.channels.some((c) => c.id === event.data.channelId)) {
        const channel = event.data.channel;
        state.channels.push({ ...channel, member: true, role: 'member', unread: false, mentionCount: 0, lastViewedSeq: channel.lastPostSeq });
        renderChannels();
      }
      break;
    case 'member.removed':
      if (event.data.userId === state.me.id) {
        state.channels = state.channels.filter((c) => c.id !== event.data.channelId);
        if (state.currentId === event.data.channelId) {
          state.currentId = null;
          if (state.channels.length) selectChannel(state.channels[0].id).catch(() => {});
        }
        renderChannels();
      }
      break;
    case 'status.changed':
      for (const change of event.data.changes) updateUser(change.userId, { status: change.status });
      break;
    case 'profile.changed':
      updateUser(event.data.userId, {
        nickname: event.data.nickname, displayName: event.data.displayName, avatarUrl: event.data.avatarUrl,
      });
      break;
    case 'stream.reset':
      location.reload();
      break;
    default:
      break;
  }
}

/** After a (re)connection the stream has resumed by itself; the open channel is checked once more. */
function onStreamOpen() {
  poll();
}

function reportActivity() {
  let last = 0;
  const report = () => {
    if (Date.now() - last > ACTIVITY_MS) {
      last = Date.now();
      api.activity().catch(() => {});
    }
  };
  for (const type of ['keydown', 'pointerdown', 'focus']) addEventListener(type, report, { passive: true });
}

// ---------------------------------------------------------------- start

async function poll() {
  try {
    await loadNewest(false, true);
  } catch {
    // Offline for a moment: the next round tries again.
  }
}

async function start() {
  applyStaticTexts();
  const session = await api.session();
  state.me = session.user;
  state.admin = session.admin;
  state.readingOrder = session.readingOrder;
  await Promise.all([refreshUsers(), loadEmoji()]);
  setupReadingOrder();
  setupChannelDialog();
  setupUserDialog();
  setupBrowseDialog();
  setupRecipients();
  setupComposer();
  await refreshChannels();
  subscribe(onEvent, onStreamOpen);
  reportActivity();
  document.addEventListener('visibilitychange', markReadIfSeen);
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  document.body.replaceChildren(el('p', { class: 'send-error', role: 'alert', text: errorText(error) }));
});

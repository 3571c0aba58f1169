// The chat window: channels on the left, the selected channel's messages in the middle, every ERP
// user on the right. What it knows lives in the store shared with the widget (store.js), which applies
// each event of the shared stream in place: an event never makes the page download a list again.
// Sends go through the outbox (outbox.js), so nothing typed is ever lost or sent twice.
import { api } from './api.js';
import { t, errorText, lang } from './i18n.js';
import { renderMarkdown, isEmojiOnly } from './markdown.js';
import { loadEmoji, emojiGroups, suggest } from './emoji.js';
import { subscribe } from './stream.js';
import { el, $ } from './dom.js';
import { TypingIndicator } from './typing.js';
import { userBatch } from './user-batch.js';
import { readLater } from './read-later.js';
import { ChatStore, sameId } from './store.js';
import { Outbox } from './outbox.js';

/** The users column loads a page at a time: a company of thousands is never downloaded whole. */
const USERS_PAGE = 100;
const TYPING_SEND_MS = 3000;
const ACTIVITY_MS = 60000;
const PAGE = 50;
const LOCALE = lang === 'en' ? 'en-GB' : 'fr-FR';
const GENERAL_PURPOSE = "Le canal de toute l'entreprise";
const PALETTE = ['#2F80ED', '#27AE60', '#EB5757', '#F2994A', '#9B51E0', '#00A3A3', '#D6338A', '#8D6E63', '#5D6D7E', '#F2C94C'];

/** Created at start, once the session says who is here. */
let store = null;
/** The users column: a page of the server's order, more on demand. */
const column = { users: [], cursor: null, q: '' };
/** The message list's own state: loading, the unread line, posts that arrived out of view. */
const view = { loadingOlder: false, newAfter: null, unseen: 0 };
const outbox = new Outbox((channelId, post) => api.send(channelId, post));

// The directory's first matches for what was typed: nothing when empty, or when the search fails.
async function searchUsers(q) {
  if (!q) return [];
  try {
    return (await api.users({ q, limit: 12 })).users;
  } catch {
    return [];
  }
}

function userName(id) {
  return store.userName(id);
}

const typing = new TypingIndicator(document.getElementById('typing'), userName);

function avatarOf(id) {
  return store.users.get(id)?.avatarUrl || `../api/v1/users/${encodeURIComponent(id)}/avatar`;
}

function applyStaticTexts() {
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
}

function channelLabel(c) {
  return c.general ? t('general') : c.displayName;
}

// ---------------------------------------------------------------- channels (left)

function current() {
  return store.current();
}

async function refreshChannels(refresh = false) {
  store.setChannels(await api.channels(refresh));
  if (!current() && store.channels.length) {
    const wanted = new URLSearchParams(location.search).get('channel');
    await selectChannel((store.channels.find((c) => sameId(c.id, wanted)) || store.channels[0]).id);
  }
  renderChannels();
}

function renderChannels() {
  const list = $('channel-list');
  list.replaceChildren(...store.channels.map((c) => {
    const selected = store.isCurrent(c.id);
    return el('li', {
      class: `channel${selected ? ' selected' : ''}${c.unread ? ' unread' : ''}`,
      'data-channel-id': c.id, style: `--channel-color:${c.color}`,
    },
    el('button', {
      type: 'button', class: 'edit-arrow', title: t('editChannelOf', { name: channelLabel(c) }),
      'aria-label': t('editChannelOf', { name: channelLabel(c) }), onclick: () => openChannelDialog(c),
    }, '▸'),
    el('button', { type: 'button', class: 'open', 'aria-current': selected ? 'true' : null, onclick: () => selectChannel(c.id) },
      el('span', { class: 'dot', 'aria-hidden': 'true' }),
      el('span', { class: 'name', text: channelLabel(c) }),
      c.mentionCount ? el('span', { class: 'badge', title: t('mentions'), text: String(c.mentionCount) }) : null,
      c.unread ? el('span', { class: 'star', role: 'img', 'aria-label': t('unread'), title: t('unread'), text: '🌟' }) : null));
  }));
  const c = current();
  if (c) {
    $('channel-title').textContent = channelLabel(c);
    $('channel-dot').style.setProperty('--channel-color', c.color);
    // General's purpose as the module creates it is French; shown in the page's language.
    $('channel-purpose').textContent = c.general && c.purpose === GENERAL_PURPOSE ? t('generalPurpose') : (c.purpose || '');
    $('leave-channel').hidden = Boolean(c.general);
    $('members-button').hidden = Boolean(c.general);
  }
  renderTitle();
}

/** The tab's title: the open channel, with the number of unread channels first when there are some. */
function renderTitle() {
  const c = current();
  const unread = store.unreadCount();
  document.title = `${unread ? `(${unread}) ` : ''}${c ? `${channelLabel(c)} — ` : ''}Clavardage`;
}

async function selectChannel(id) {
  if (store.isCurrent(id)) return;
  markReadSoon.now();
  saveDraft();
  const opened = store.channel(id);
  // The "new messages" line goes after what was read before opening.
  view.newAfter = opened?.unread ? opened.lastViewedSeq : null;
  view.unseen = 0;
  store.open(id);
  typing.clear();
  $('messages').replaceChildren();
  renderJump();
  renderChannels();
  restoreDraft();
  await loadNewest(true);
  $('message-input').focus();
}

/** Opens the first channel listed, after the open one went away. */
async function openFirstChannel() {
  if (store.channels.length) await selectChannel(store.channels[0].id);
}

// ---------------------------------------------------------------- messages (middle)

/** Merges the newest page (and any gap before it) into what is shown; drops posts deleted since. */
async function loadNewest(first = false, refresh = false) {
  const channelId = store.currentId;
  if (channelId == null) return;
  const page = await api.posts(channelId, null, PAGE, refresh);
  if (!store.isCurrent(channelId)) return;
  const known = store.sortedPosts();
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
  if (!store.isCurrent(channelId)) return;
  store.mergeNewest(posts, { first, nextBefore: page.nextBefore });
  renderPosts(first ? 'start' : 'update');
  markReadIfSeen();
}

async function loadOlder() {
  if (!store.hasOlder || view.loadingOlder) return;
  const channelId = store.currentId;
  const oldest = store.sortedPosts()[0];
  if (!oldest) return;
  view.loadingOlder = true;
  try {
    const page = await api.posts(channelId, oldest.seq, PAGE);
    if (!store.isCurrent(channelId)) return;
    store.mergeOlder(page.posts, page.nextBefore);
    renderPosts('older');
  } finally {
    view.loadingOlder = false;
  }
}

/**
 * Draws the open channel's posts: grouped by day under a date, a "new messages" line before the first
 * post that was unread when the channel was opened, consecutive posts of one author grouped. What the
 * user is reading stays where it is while posts arrive, change or load on either side; at the newest
 * end the view follows new posts, elsewhere a button offers to jump there.
 */
function renderPosts(reason) {
  const box = $('messages');
  const newestAtTop = store.readingOrder === 'newest_top';
  const atNewestEnd = isAtNewestEnd(box);
  const anchor = anchorOf(box);

  const posts = store.sortedPosts();
  const firstNew = firstNewPost(posts);
  const existing = new Map([...box.querySelectorAll('.message')].map((node) => [node.dataset.seq, node]));
  const days = [];
  let previous = null;
  for (const post of posts) {
    const day = new Date(post.createdAt).toDateString();
    if (!days.length || days[days.length - 1].day !== day) days.push({ day, date: new Date(post.createdAt), nodes: [] });
    const grouped = previous && sameId(previous.authorId, post.authorId)
      && new Date(post.createdAt) - new Date(previous.createdAt) < GROUP_MS && post !== firstNew;
    let node = existing.get(String(post.seq));
    if (!node || (!node.classList.contains('editing') && node.dataset.version !== version(post))) node = renderPost(post);
    node.classList.toggle('grouped', Boolean(grouped));
    if (post === firstNew) days[days.length - 1].nodes.push(el('div', { class: 'new-line', role: 'separator', text: t('newMessages') }));
    days[days.length - 1].nodes.push(node);
    previous = post;
  }
  const edge = el('div', { class: 'history-edge', id: 'history-edge' },
    posts.length === 0 ? t('noMessages') : (store.hasOlder ? t('loadingOlder') : t('historyStart')));
  const groups = days.map((d) => [el('div', { class: 'day-separator', role: 'separator', 'data-day': d.day,
    text: d.date.toLocaleDateString(LOCALE, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }) }),
  ...(newestAtTop ? d.nodes.reverse() : d.nodes)]);
  if (newestAtTop) groups.reverse();
  box.replaceChildren(...(newestAtTop ? [...groups.flat(), edge] : [edge, ...groups.flat()]));
  olderObserver.disconnect();
  olderObserver.observe(edge);

  if (reason === 'start' || reason === 'order' || (reason === 'update' && atNewestEnd)) {
    scrollToNewest();
  } else if (anchor) {
    restoreAnchor(box, anchor);
  }
}

/** Consecutive posts of one author within this time share one header. */
const GROUP_MS = 5 * 60 * 1000;

/** The first post from someone else after what was read when the channel was opened, if any. */
function firstNewPost(posts) {
  if (view.newAfter == null) return null;
  return posts.find((p) => p.seq > view.newAfter && !sameId(p.authorId, store.me.id)) || null;
}

function isAtNewestEnd(box) {
  return store.readingOrder === 'newest_top' ? box.scrollTop < 40 : box.scrollHeight - box.scrollTop - box.clientHeight < 40;
}

/** The first message in view and where it stands, to put it back after a redraw. */
function anchorOf(box) {
  const top = box.getBoundingClientRect().top;
  for (const node of box.querySelectorAll('.message')) {
    const rect = node.getBoundingClientRect();
    if (rect.bottom > top) return { seq: node.dataset.seq, offset: rect.top - top };
  }
  return null;
}

function restoreAnchor(box, anchor) {
  const node = box.querySelector(`.message[data-seq="${CSS.escape(anchor.seq)}"]`);
  if (node) box.scrollTop += node.getBoundingClientRect().top - box.getBoundingClientRect().top - anchor.offset;
}

function scrollToNewest() {
  const box = $('messages');
  box.scrollTop = store.readingOrder === 'newest_top' ? 0 : box.scrollHeight;
  view.unseen = 0;
  renderJump();
}

/** "N new messages": posts that arrived while the user reads elsewhere in the history. */
function renderJump() {
  const button = $('jump-newest');
  button.hidden = !view.unseen;
  button.textContent = t('jumpToNewest', { count: view.unseen });
}

const olderObserver = new IntersectionObserver((entries) => {
  if (entries.some((e) => e.isIntersecting)) loadOlder();
}, { root: null, rootMargin: '200px' });

/** What a drawn message depends on: redrawn when its text, its author's name or picture changes. */
function version(post) {
  const author = store.users.get(post.authorId);
  return `${post.editedAt || ''}|${author?.displayName || ''}|${author?.avatarUrl || ''}`;
}

function renderPost(post) {
  knowUsers([post.authorId, ...post.recipients]);
  const mine = sameId(post.authorId, store.me.id);
  const mentionsMe = post.recipients.some((r) => sameId(r, store.me.id));
  const created = new Date(post.createdAt);
  const body = el('div', { class: `body${isEmojiOnly(post.message) ? ' big-emoji' : ''}` });
  body.innerHTML = renderMarkdown(post.message);
  return el('article', {
    class: `message${mentionsMe ? ' mention' : ''}`, 'data-seq': post.seq, 'data-post-id': post.id,
    'data-version': version(post),
  },
  el('img', { class: 'avatar', src: avatarOf(post.authorId), alt: '' }),
  el('div', { class: 'meta' },
    el('span', { class: 'author', text: userName(post.authorId) }),
    el('time', { datetime: post.createdAt, title: created.toLocaleString(LOCALE), text: created.toLocaleTimeString(LOCALE, { hour: '2-digit', minute: '2-digit' }) }),
    post.edited ? el('span', { class: 'edited', text: t('edited') }) : null,
    post.recipients.length ? el('span', { class: 'to', text: `${t('to')} ${post.recipients.map(userName).join(', ')}` }) : null),
  (mine || store.admin) ? messageMenu(post, mine) : el('span'),
  body);
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
      // Near the bottom of the list the menu opens upwards, so it is never cut off.
      menu.classList.remove('up');
      if (open && menu.getBoundingClientRect().bottom > $('messages').getBoundingClientRect().bottom) menu.classList.add('up');
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
        store.posts.delete(post.seq);
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
  const finish = () => { node.classList.remove('editing'); node.dataset.version = ''; renderPosts('update'); $('message-input').focus(); };
  const save = async () => {
    try {
      const updated = await api.editPost(post.id, area.value);
      store.posts.set(updated.seq, updated);
      finish();
    } catch (e) {
      error.textContent = errorText(e);
      error.hidden = false;
    }
  };
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); save(); }
    if (e.key === 'Escape') { e.preventDefault(); finish(); }
  });
  body.replaceChildren(el('div', { class: 'editor' }, area, error,
    el('button', { type: 'button', class: 'text-button', onclick: finish }, t('cancel')),
    el('button', { type: 'button', class: 'primary', onclick: save }, t('save'))));
  area.focus();
}

const markReadSoon = readLater(() => store?.currentId);

/** Seen = the channel is on screen in a visible tab: its star goes, for this user only. */
async function markReadIfSeen() {
  renderTitle();
  const c = current();
  if (!c || !c.unread || document.visibilityState !== 'visible') return;
  store.markOpenRead();
  renderChannels();
  try {
    await api.markRead(c.id);
  } catch {
    // The next look at the channel shows the truth again.
  }
}

/** Below 900 px the users column is a panel opened from the header. */
function setupUsersToggle() {
  const button = $('toggle-users');
  button.addEventListener('click', () => {
    const shown = $('chat').classList.toggle('show-users');
    button.setAttribute('aria-expanded', String(shown));
  });
  $('close-users').addEventListener('click', () => {
    $('chat').classList.remove('show-users');
    button.setAttribute('aria-expanded', 'false');
  });
}

function setupMessageList() {
  $('jump-newest').addEventListener('click', scrollToNewest);
  $('messages').addEventListener('scroll', () => {
    if (view.unseen && isAtNewestEnd($('messages'))) {
      view.unseen = 0;
      renderJump();
    }
  }, { passive: true });
}

// ---------------------------------------------------------------- composer

/** The box shows the open channel's draft; what is typed goes back into it. */
function saveDraft() {
  if (store.currentId == null) return;
  store.draft().text = $('message-input').value;
}

function restoreDraft() {
  $('message-input').value = store.draft().text;
  $('send-error').hidden = true;
  renderRecipients();
}

async function send(event) {
  event?.preventDefault();
  const channelId = store.currentId;
  if (channelId == null) return;
  saveDraft();
  const draft = store.draft();
  if (!draft.text.trim()) return;
  $('send-button').disabled = true;
  try {
    const post = await outbox.send(channelId, draft);
    if (!post) return;
    if (store.isCurrent(channelId)) {
      // The outbox emptied the draft unless more was typed meanwhile.
      $('message-input').value = draft.text;
      renderRecipients();
      $('send-error').hidden = true;
      store.posts.set(post.seq, post);
      renderPosts('start');
    }
  } catch (e) {
    if (store.isCurrent(channelId)) {
      $('send-error-text').textContent = t('sendFailed', { reason: errorText(e) });
      $('send-error').hidden = false;
      $('retry-send').hidden = false;
    }
  } finally {
    $('send-button').disabled = false;
  }
}

function recipients() {
  return store.draft().recipients;
}

function renderRecipients() {
  $('recipient-chips').replaceChildren(...recipients().map((id) => el('span', { class: 'chip', 'data-user-id': id },
    userName(id),
    el('button', {
      type: 'button', title: t('removeRecipient', { name: userName(id) }), 'aria-label': t('removeRecipient', { name: userName(id) }),
      onclick: () => { const list = recipients(); list.splice(list.indexOf(id), 1); renderRecipients(); },
    }, '×'))));
}

/** Only users who may use the chat can be addressed: the others could never read it. */
function addRecipient(id) {
  const user = store.users.get(id);
  if (user && user.canChat === false) return;
  if (store.currentId == null) return;
  if (!recipients().includes(id)) recipients().push(id);
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
    const found = await searchUsers(q);
    if (ticket !== asked) return; // a newer keystroke already asked
    store.learnUsers(found);
    matches = found.filter((u) => !recipients().includes(u.id) && u.canChat !== false).slice(0, 8);
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
    } else if (e.key === 'Backspace' && !input.value && recipients().length) {
      recipients().pop();
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
    saveDraft();
    if (input.value && store.currentId != null && Date.now() - typingSentAt > TYPING_SEND_MS) {
      typingSentAt = Date.now();
      api.typing(store.currentId).catch(() => {});
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
    // ArrowUp in an empty box edits one's last message, as in other chats.
    if (e.key === 'ArrowUp' && !input.value) {
      const own = store.lastOwnPost();
      if (own) { e.preventDefault(); editPost(own); }
    }
  });
  input.addEventListener('blur', () => setTimeout(hide, 100));
  // Pictures cannot be sent yet: a pasted one is not silently dropped, the user is told why.
  input.addEventListener('paste', (e) => {
    const files = [...(e.clipboardData?.files || [])];
    if (!files.some((f) => f.type.startsWith('image/'))) return;
    e.preventDefault();
    $('send-error-text').textContent = t('pasteImage');
    $('send-error').hidden = false;
    $('retry-send').hidden = true;
  });
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

/**
 * The first page of the users column, or of those matching the search box (accents and case ignored by
 * the server); later pages load as the end of the list scrolls into view.
 */
async function refreshUsers(refresh = false) {
  const q = column.q;
  const page = await api.users({ limit: USERS_PAGE, q }, refresh);
  if (q !== column.q) return; // a newer search already asked
  store.learnUsers(page.users);
  column.users = page.users.map((u) => store.users.get(u.id));
  column.cursor = page.nextCursor;
  renderUsers();
}

async function moreUsers() {
  if (!column.cursor) return;
  const q = column.q;
  const page = await api.users({ limit: USERS_PAGE, cursor: column.cursor, q });
  if (q !== column.q) return;
  store.learnUsers(page.users);
  const shown = new Set(column.users.map((u) => u.id));
  column.users.push(...page.users.filter((u) => !shown.has(u.id)).map((u) => store.users.get(u.id)));
  column.cursor = page.nextCursor;
  renderUsers();
}

/** Users met in messages but not yet known to the page: asked for in one batch, not the whole directory. */
const knowUsers = userBatch({
  has: (id) => store.users.has(id),
  set: (id, u) => store.learnUsers([u]),
}, () => renderPosts('update'));

const STATUS_ORDER = { online: 0, away: 1, dnd: 1, offline: 2 };
const collator = new Intl.Collator(LOCALE);

/** The column's order, as the server computes it: by status, then by name; oneself last. */
function sortUsers() {
  column.users.sort((a, b) => (a.self - b.self) || (STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
    || collator.compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : 1));
}

function statusTitle(status) {
  return t({ online: 'online', away: 'away', dnd: 'dnd' }[status] || 'offline');
}

function renderUser(u) {
  // Users without the chat right are listed, shown unavailable, and cannot be addressed.
  const unavailable = u.canChat === false;
  return el('li', {
    class: `user${unavailable ? ' unavailable' : ''}`, 'data-user-id': u.id, tabindex: '0',
    title: unavailable ? t('cannotChat', { name: u.fullName || u.displayName }) : u.fullName,
    'aria-disabled': unavailable ? 'true' : null,
    ondblclick: () => addRecipient(u.id),
    onkeydown: (e) => { if (e.key === 'Enter' && e.target === e.currentTarget) addRecipient(u.id); },
  },
  el('img', { src: u.avatarUrl, alt: t('avatarOf', { name: u.displayName }) }),
  el('span', { class: `status ${u.status}`, title: statusTitle(u.status) }),
  el('span', { class: 'name', text: u.displayName }),
  u.self ? el('span', { class: 'self-label', text: t('selfMark') }) : null,
  unavailable ? el('span', { class: 'hint unavailable-hint', text: t('unavailable') }) : null,
  (u.self || store.admin) ? el('button', {
    type: 'button', class: 'edit-arrow', title: t('editUserOf', { name: u.displayName }),
    'aria-label': t('editUserOf', { name: u.displayName }), onclick: () => openUserDialog(u),
  }, '▸') : null);
}

function renderUsers() {
  const groups = [
    ['online', column.users.filter((u) => !u.self && u.status === 'online')],
    ['away', column.users.filter((u) => !u.self && (u.status === 'away' || u.status === 'dnd'))],
    ['offline', column.users.filter((u) => !u.self && u.status === 'offline')],
    ['you', column.users.filter((u) => u.self)],
  ];
  $('user-list').replaceChildren(...groups.filter(([, users]) => users.length).map(([key, users]) => el('section', { 'data-group': key },
    el('h3', { text: t(key) }),
    el('ul', {}, users.map(renderUser)))),
  column.cursor ? el('button', { type: 'button', class: 'text-button more-users', onclick: () => moreUsers().catch(() => {}) }, t('moreUsers')) : '',
  column.users.length ? '' : el('p', { class: 'hint', text: t('noUsersFound') }));
  const more = $('user-list').querySelector('.more-users');
  moreUsersObserver.disconnect();
  if (more) moreUsersObserver.observe(more);
}

/** The next page comes when the end of the column scrolls into view: a company of thousands, a page at a time. */
const moreUsersObserver = new IntersectionObserver((entries) => {
  if (entries.some((e) => e.isIntersecting)) moreUsers().catch(() => {});
}, { root: null, rootMargin: '100px' });

function setupUserSearch() {
  const input = $('user-search');
  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      column.q = input.value.trim();
      refreshUsers().catch(() => {});
    }, 200);
  });
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
  $('channel-dialog-title').textContent = channel ? t('editChannelOf', { name: channelLabel(channel) }) : t('newChannel');
  form.displayName.value = channel ? channel.displayName : '';
  form.purpose.value = channel?.purpose || '';
  createMembers.length = 0;
  renderCreateMembers();
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
        // The channel exists now: each member chosen is added; one refused does not stop the others.
        const refused = [];
        for (const userId of createMembers) await api.join(created.id, userId).catch((e) => refused.push(e));
        await refreshChannels();
        await selectChannel(created.id);
        if (refused.length) alert(errorText(refused[0]));
      }
    } catch (error) {
      dialogError(dialog, error);
    }
  });
  $('new-channel').addEventListener('click', () => openChannelDialog(null));
}

let userDialogTarget = null;
let userDialogRemoveAvatar = false;

function openUserDialog(user) {
  const dialog = $('user-dialog');
  const form = $('user-form');
  userDialogTarget = user;
  form.reset();
  dialogError(dialog, null);
  $('user-dialog-title').textContent = t('editUserOf', { name: user.displayName });
  $('user-dialog-avatar').src = user.avatarUrl;
  form.nickname.value = user.nickname || '';
  userDialogRemoveAvatar = false;
  // Status and notifications are one's own: never set for someone else.
  const self = sameId(user.id, store.me.id);
  $('self-settings').hidden = !self;
  form.status.value = self ? (user.manualStatus && user.manualStatus !== 'online' ? user.manualStatus : '') : '';
  form.notify.checked = notificationsWanted();
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
  $('remove-avatar').addEventListener('click', () => {
    userDialogRemoveAvatar = true;
    form.avatar.value = '';
    $('user-dialog-avatar').src = `../api/v1/users/${encodeURIComponent(userDialogTarget.id)}/avatar?v=default`;
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const file = form.avatar.files[0];
      if (file) await api.uploadAvatar(userDialogTarget.id, file);
      else if (userDialogRemoveAvatar) await api.removeAvatar(userDialogTarget.id);
      const changes = {};
      if ((userDialogTarget.nickname || '') !== form.nickname.value) changes.nickname = form.nickname.value;
      if (sameId(userDialogTarget.id, store.me.id)) {
        const status = form.status.value;
        const was = userDialogTarget.manualStatus && userDialogTarget.manualStatus !== 'online' ? userDialogTarget.manualStatus : '';
        if (status !== was) changes.status = status;
        await setNotifications(form.notify.checked);
      }
      if (Object.keys(changes).length) {
        store.learnUsers([await api.updateUser(userDialogTarget.id, changes)]);
        renderUsersSoon();
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
      el('span', { class: 'name', text: channelLabel(c) }),
      c.member ? el('span', { class: 'hint', text: t('joined') }) : el('button', {
        type: 'button', class: 'primary',
        onclick: async () => {
          await api.join(c.id, store.me.id);
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
    // Leaving a private channel cannot be undone alone: only a member can add one back.
    if (!confirm(t(c.type === 'private' ? 'confirmLeavePrivate' : 'confirmLeave', { name: channelLabel(c) }))) return;
    try {
      await api.leave(c.id, store.me.id);
      store.open(null);
      await refreshChannels();
    } catch (e) {
      alert(errorText(e));
    }
  });
}

function setupReadingOrder() {
  const select = $('reading-order');
  select.value = store.readingOrder;
  $('chat').dataset.order = store.readingOrder;
  select.addEventListener('change', async () => {
    store.readingOrder = select.value;
    $('chat').dataset.order = store.readingOrder;
    renderPosts('order');
    try {
      await api.setPreferences({ readingOrder: store.readingOrder });
    } catch (e) {
      alert(errorText(e));
    }
  });
}

// ---------------------------------------------------------------- members

/**
 * A search box that suggests users who may chat and are not excluded; choosing one dispatches a
 * `userchosen` event on the box, with the user as its detail.
 */
function userPicker(input, list, exclude) {
  let asked = 0;
  let matches = [];
  const choose = (u) => {
    input.value = '';
    list.hidden = true;
    input.dispatchEvent(new CustomEvent('userchosen', { detail: u }));
  };
  const show = async () => {
    const q = input.value.trim();
    const ticket = ++asked;
    const found = await searchUsers(q);
    if (ticket !== asked) return;
    store.learnUsers(found);
    matches = found.filter((u) => u.canChat !== false && !exclude(u.id)).slice(0, 8);
    list.replaceChildren(...matches.map((u) => el('li', {
      role: 'option', 'data-user-id': u.id, onmousedown: (e) => { e.preventDefault(); choose(u); },
    }, el('span', { text: u.displayName }), el('span', { class: 'hint', text: u.login }))));
    list.hidden = matches.length === 0;
  };
  input.addEventListener('input', show);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (!list.hidden && matches[0]) choose(matches[0]);
    }
  });
  input.addEventListener('blur', () => setTimeout(() => { list.hidden = true; }, 100));
}

/** The members panel of the open channel: who is in it, its channel admins; add, promote, remove. */
const membersPanel = { channel: null, members: [] };

/** Renaming, promoting and removing others: the channel's admins, and ERP admins. */
function canManage(c) {
  return store.admin || (c.role === 'admin' && !c.general);
}

async function openMembersDialog() {
  const c = current();
  if (!c || c.general) return;
  membersPanel.channel = c;
  const dialog = $('members-dialog');
  dialogError(dialog, null);
  $('members-dialog-title').textContent = t('membersOf', { name: channelLabel(c) });
  await loadMembers();
  dialog.showModal();
  $('member-search').focus();
}

async function loadMembers() {
  membersPanel.members = await api.members(membersPanel.channel.id);
  // Members the page has not met yet: one batch by id, not the directory.
  const unknown = membersPanel.members.map((m) => m.userId).filter((id) => !store.users.has(id)).slice(0, 200);
  if (unknown.length) store.learnUsers((await api.users({ ids: unknown })).users);
  renderMembers();
}

function renderMembers() {
  const manage = canManage(membersPanel.channel);
  $('member-list').replaceChildren(...membersPanel.members.map((m) => el('li', { 'data-user-id': m.userId, 'data-role': m.role },
    el('img', { src: avatarOf(m.userId), alt: '' }),
    el('span', { class: 'name', text: sameId(m.userId, store.me.id) ? t('selfLabel', { name: userName(m.userId) }) : userName(m.userId) }),
    m.role === 'admin' ? el('span', { class: 'role', text: t('channelAdmin') }) : null,
    manage ? el('button', {
      type: 'button', class: 'text-button change-role',
      onclick: () => memberAction(() => api.changeRole(membersPanel.channel.id, m.userId, m.role === 'admin' ? 'member' : 'admin')),
    }, t(m.role === 'admin' ? 'demote' : 'promote')) : null,
    manage && !sameId(m.userId, store.me.id) ? el('button', {
      type: 'button', class: 'text-button remove-member',
      onclick: () => memberAction(() => api.leave(membersPanel.channel.id, m.userId)),
    }, t('removeMember')) : null)));
}

/** Runs a change from the panel, then shows the list as the server now has it (or the error, in the page's language). */
async function memberAction(work) {
  const dialog = $('members-dialog');
  try {
    await work();
    dialogError(dialog, null);
    await loadMembers();
  } catch (e) {
    dialogError(dialog, e);
  }
}

function setupMembersDialog() {
  wireCancel($('members-dialog'));
  $('members-button').addEventListener('click', () => openMembersDialog().catch((e) => alert(errorText(e))));
  userPicker($('member-search'), $('member-suggestions'), (id) => membersPanel.members.some((m) => sameId(m.userId, id)));
  $('member-search').addEventListener('userchosen', (e) => memberAction(() => api.join(membersPanel.channel.id, e.detail.id)));
  // The create dialog chooses members too; they are added once the channel exists.
  userPicker($('create-member-search'), $('create-member-suggestions'), (id) => sameId(id, store.me.id) || createMembers.includes(id));
  $('create-member-search').addEventListener('userchosen', (e) => { createMembers.push(e.detail.id); renderCreateMembers(); });
}

/** Members chosen in the create dialog. */
const createMembers = [];

function renderCreateMembers() {
  $('create-member-chips').replaceChildren(...createMembers.map((id) => el('span', { class: 'chip', 'data-user-id': id }, userName(id),
    el('button', {
      type: 'button', 'aria-label': t('removeRecipient', { name: userName(id) }),
      onclick: () => { createMembers.splice(createMembers.indexOf(id), 1); renderCreateMembers(); },
    }, '×'))));
}

// ---------------------------------------------------------------- desktop notifications

/** Opt-in, per browser: a desktop notification when someone addresses me and I am not reading that channel. */
const NOTIFY_KEY = 'clavardage.notify';

function notificationsWanted() {
  return typeof Notification === 'function' && localStorage.getItem(NOTIFY_KEY) === 'on' && Notification.permission === 'granted';
}

async function setNotifications(on) {
  if (!on) {
    localStorage.removeItem(NOTIFY_KEY);
    return;
  }
  if (typeof Notification !== 'function') return;
  const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  if (permission === 'granted') localStorage.setItem(NOTIFY_KEY, 'on');
}

function notifyIfAddressed(post) {
  if (post.redacted || sameId(post.authorId, store.me.id) || !post.recipients?.some((r) => sameId(r, store.me.id))) return;
  if (!notificationsWanted() || (store.isCurrent(post.channelId) && document.visibilityState === 'visible')) return;
  const channel = store.channel(post.channelId);
  const notice = new Notification(t('notificationTitle', { name: userName(post.authorId), channel: channel ? channelLabel(channel) : '' }), {
    body: post.message.slice(0, 200), tag: `clavardage-${post.channelId}`, icon: avatarOf(post.authorId),
  });
  notice.onclick = () => { window.focus(); selectChannel(post.channelId).catch(() => {}); };
}

// ---------------------------------------------------------------- live

/** Users column and messages redrawn at most once per frame, however many events arrive. */
let usersDirty = false;
function renderUsersSoon() {
  if (usersDirty) return;
  usersDirty = true;
  requestAnimationFrame(() => { usersDirty = false; sortUsers(); renderUsers(); });
}

/** The store applies the event; the page redraws what changed and makes the few requests it calls for. */
function onEvent(event) {
  const change = store.apply(event);
  switch (event.type) {
    case 'post.created':
      if (change.readHere) markReadSoon();
      notifyIfAddressed(event.data);
      break;
    case 'member.removed':
      if (change.leftOpen) openFirstChannel().catch(() => {});
      break;
    case 'stream.reset':
      location.reload();
      return;
    default:
      break;
  }
  show(change);
}

function show(change) {
  if (change.typing) typing.typing(change.typing);
  if (change.typingStopped) typing.stopped(change.typingStopped);
  if (change.channels) renderChannels();
  if (change.users) {
    renderUsersSoon();
    renderRecipients();
  }
  if (change.posts) {
    const box = $('messages');
    if (change.typingStopped && !sameId(change.typingStopped, store.me.id) && !isAtNewestEnd(box)) {
      view.unseen += 1;
      renderJump();
    }
    renderPosts('update');
  }
}

/** After a (re)connection the stream has resumed by itself; the open channel is checked once more. */
function onStreamOpen() {
  showConnection('live');
  poll();
}

/** Says when what is on screen may be out of date: the stream is reconnecting or closed. */
function showConnection(state) {
  const banner = $('connection');
  document.body.dataset.connection = state;
  banner.hidden = state === 'live' || state === 'connecting';
  banner.textContent = state === 'offline' ? t('streamOffline') : t('streamReconnecting');
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
  store = new ChatStore({
    me: session.user, admin: session.admin, readingOrder: session.readingOrder,
    isVisible: () => document.visibilityState === 'visible', locale: LOCALE,
  });
  await Promise.all([refreshUsers(), loadEmoji()]);
  setupReadingOrder();
  setupChannelDialog();
  setupUserDialog();
  setupBrowseDialog();
  setupMembersDialog();
  setupMessageList();
  setupUsersToggle();
  setupUserSearch();
  setupRecipients();
  setupComposer();
  await refreshChannels();
  subscribe(onEvent, onStreamOpen, showConnection);
  reportActivity();
  document.addEventListener('visibilitychange', markReadIfSeen);
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  document.body.replaceChildren(el('p', { class: 'send-error', role: 'alert', text: errorText(error) }));
});

// "Miaou !", the home-desktop widget: a compact view over the same store (../app/store.js), outbox
// and shared event stream as the full window, so several widgets and the window never disagree on
// what is unread, and each event is applied by the same code.
import { api } from '../app/api.js';
import { t, errorText, lang } from '../app/i18n.js';
import { renderMarkdown } from '../app/markdown.js';
import { loadEmoji } from '../app/emoji.js';
import { subscribe, openedWithin } from '../app/stream.js';
import { EventHold } from '../app/event-hold.js';
import { el, $ } from '../app/dom.js';
import { TypingIndicator } from '../app/typing.js';
import { userBatch } from '../app/user-batch.js';
import { readLater } from '../app/read-later.js';
import { ChatStore, sameId } from '../app/store.js';
import { Outbox } from '../app/outbox.js';

const LATEST = 30;
const LOCALE = lang === 'en' ? 'en-GB' : 'fr-FR';

/** Created at start, once the session says who is here. */
let store = null;
const outbox = new Outbox((channelId, post) => api.send(channelId, post));

const name = (id) => store.userName(id);

/** Authors and recipients the widget has not met yet, asked for in one batch (never the whole directory). */
const knowUsers = userBatch({ has: (id) => store.users.has(id), set: (id, u) => store.learnUsers([u]) }, () => renderPosts());
const typing = new TypingIndicator(document.getElementById('typing'), name);
const markReadSoon = readLater(() => store?.currentId);

async function loadChannels(refresh = false) {
  store.setChannels(await api.channels(refresh));
  if (!store.current() && store.channels.length) {
    await select(store.channels[0].id);
  }
  renderChannels();
}

function renderChannels() {
  $('channels').replaceChildren(...store.channels.map((c) => el('button', {
    type: 'button', class: 'channel', style: `--channel-color:${c.color}`, 'data-channel-id': c.id,
    'aria-pressed': String(store.isCurrent(c.id)), onclick: () => select(c.id),
  }, el('span', { class: 'dot', 'aria-hidden': 'true' }), el('span', { class: 'name', text: c.general ? t('general') : c.displayName }),
  c.unread ? el('span', { class: 'star', role: 'img', 'aria-label': t('unread'), text: '🌟' }) : null)));
  const open = $('open-full');
  const theme = document.documentElement.dataset.theme;
  open.href = `../app/?channel=${encodeURIComponent(store.currentId ?? '')}&lang=${lang}${theme ? `&theme=${theme}` : ''}`;
}

async function select(id) {
  markReadSoon.now();
  saveDraft();
  store.open(id);
  typing.clear();
  renderChannels();
  restoreDraft();
  await loadLatest();
}

/** The open channel's newest posts, merged into what is shown. */
async function loadLatest() {
  const id = store.currentId;
  if (id == null) return;
  const page = await api.posts(id, null, LATEST);
  if (!store.isCurrent(id)) return;
  store.mergeNewest(page.posts);
  renderPosts();
  markRead();
}

function renderPosts() {
  const box = $('messages');
  // The reading order is the user's preference, in the widget as in the window.
  const newestAtTop = store.readingOrder === 'newest_top';
  const atNewest = newestAtTop ? box.scrollTop < 30 : box.scrollHeight - box.scrollTop - box.clientHeight < 30;
  const posts = store.sortedPosts().slice(-LATEST);
  if (newestAtTop) posts.reverse();
  box.replaceChildren(...posts.map((p) => {
    knowUsers([p.authorId, ...p.recipients]);
    const body = el('div', { class: 'body' });
    body.innerHTML = renderMarkdown(p.message);
    const created = new Date(p.createdAt);
    return el('article', { class: `message${p.recipients.some((r) => sameId(r, store.me.id)) ? ' mention' : ''}`, 'data-seq': p.seq },
      el('span', { class: 'author', text: name(p.authorId) }),
      el('time', { datetime: p.createdAt, title: created.toLocaleString(LOCALE), text: created.toLocaleTimeString(LOCALE, { hour: '2-digit', minute: '2-digit' }) }),
      p.edited ? el('span', { class: 'edited', text: t('edited') }) : null,
      p.recipients.length ? el('span', { class: 'to', text: `${t('to')} ${p.recipients.map(name).join(', ')}` }) : null,
      body);
  }));
  if (atNewest || box.dataset.scrolled !== 'true') box.scrollTop = newestAtTop ? 0 : box.scrollHeight;
}

async function markRead() {
  const c = store.current();
  if (!c || !c.unread || document.visibilityState !== 'visible') return;
  store.markOpenRead();
  renderChannels();
  await api.markRead(c.id).catch(() => {});
}

// ---------------------------------------------------------------- composer

function saveDraft() {
  if (store.currentId != null) store.draft().text = $('message').value;
}

function restoreDraft() {
  $('message').value = store.draft().text;
  $('error').hidden = true;
  renderRecipients();
}

function renderRecipients() {
  const recipients = store.draft().recipients;
  $('chips').replaceChildren(...recipients.map((id) => el('span', { class: 'chip', 'data-user-id': id }, name(id),
    el('button', { type: 'button', 'aria-label': t('removeRecipient', { name: name(id) }), onclick: () => { recipients.splice(recipients.indexOf(id), 1); renderRecipients(); } }, '×'))));
}

function setupComposer() {
  const input = $('message');
  const recipientInput = $('recipient-input');
  const list = $('recipient-suggestions');
  let asked = 0;
  recipientInput.addEventListener('input', async () => {
    const q = recipientInput.value.trim();
    const ticket = ++asked;
    const found = q ? (await api.users({ q, limit: 10 }).catch(() => ({ users: [] }))).users : [];
    if (ticket !== asked) return;
    store.learnUsers(found);
    const recipients = store.draft().recipients;
    const matches = found.filter((u) => !recipients.includes(u.id) && u.canChat !== false).slice(0, 6);
    list.replaceChildren(...matches.map((u) => el('li', {
      role: 'option', 'data-user-id': u.id,
      onmousedown: (e) => { e.preventDefault(); recipients.push(u.id); recipientInput.value = ''; list.hidden = true; renderRecipients(); },
    }, u.displayName)));
    list.hidden = matches.length === 0;
  });
  recipientInput.addEventListener('blur', () => setTimeout(() => { list.hidden = true; }, 100));
  let typingAt = 0;
  input.addEventListener('input', () => {
    saveDraft();
    if (input.value && Date.now() - typingAt > 3000 && store.currentId != null) {
      typingAt = Date.now();
      api.typing(store.currentId).catch(() => {});
    }
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) send(e);
  });
  $('composer').addEventListener('submit', send);
}

async function send(e) {
  e?.preventDefault();
  const channelId = store.currentId;
  if (channelId == null) return;
  saveDraft();
  const draft = store.draft();
  if (!draft.text.trim()) return;
  try {
    // The outbox keeps the key across retries (no answer, 408, 429), so a lost answer never doubles a post.
    const post = await outbox.send(channelId, draft);
    if (!post || !store.isCurrent(channelId)) return;
    $('message').value = draft.text;
    renderRecipients();
    $('error').hidden = true;
    store.posts.set(post.seq, post);
    renderPosts();
  } catch (error) {
    // The text stays in the draft; sending again reuses the key unless the server refused it.
    if (!store.isCurrent(channelId)) return;
    $('error').textContent = t('sendFailed', { reason: errorText(error) });
    $('error').hidden = false;
  }
}

// ---------------------------------------------------------------- live

/** Events wait while the widget reads its lists (event-hold.js). */
const hold = new EventHold();

/** The store applies the event (the same code as the window's); the widget redraws what changed. */
function onEvent(event) {
  if (hold.keep(event, onEvent)) return;
  const change = store.apply(event);
  switch (event.type) {
    case 'post.created':
      if (change.readHere) markReadSoon();
      break;
    case 'member.removed':
      if (change.leftOpen && store.channels.length) select(store.channels[0].id).catch(() => {});
      break;
    case 'stream.reset':
      location.reload();
      return;
    default:
      break;
  }
  if (change.typing) typing.typing(change.typing);
  if (change.typingStopped) typing.stopped(change.typingStopped);
  if (change.channels) renderChannels();
  if (change.posts) renderPosts();
}

/** Set when the widget starts reading its lists, at start-up. */
let readsBegan = false;

/**
 * As in the window (chat.js): an opening before the lists were read needs nothing; one after (a
 * reconnection, or a slow first opening) reads the stars and the open channel again.
 */
function onStreamOpen() {
  showConnection('live');
  if (readsBegan) {
    hold.during(async () => {
      await loadChannels(true);
      await loadLatest();
    }).catch(() => {});
  }
}

function showConnection(state) {
  document.body.dataset.connection = state;
  const banner = $('connection');
  banner.hidden = state === 'live' || state === 'connecting';
  banner.textContent = state === 'offline' ? t('streamOffline') : t('streamReconnecting');
}

function applyTexts() {
  $('channels').setAttribute('aria-label', t('channels'));
  $('message').placeholder = t('messageShort');
  $('recipient-input').placeholder = t('recipientsPlaceholder');
  $('recipient-input').setAttribute('aria-label', t('recipients'));
  $('send').textContent = t('send');
  $('open-full').textContent = t('openFull');
}

async function start() {
  applyTexts();
  const session = await api.session();
  store = new ChatStore({
    me: session.user, admin: session.admin, readingOrder: session.readingOrder,
    isVisible: () => document.visibilityState === 'visible', locale: LOCALE,
  });
  $('messages').dataset.order = store.readingOrder;
  // As in the window: the stream opens first, and its events wait until the lists are read.
  await hold.during(async () => {
    const opening = subscribe(onEvent, onStreamOpen, showConnection);
    await openedWithin(opening);
    readsBegan = true;
    await loadEmoji();
    setupComposer();
    await loadChannels();
  });
  // "Open the full window": inside the ERP, ask the host to open the menu entry on this channel.
  $('open-full').addEventListener('click', (e) => {
    if (window.parent !== window) {
      e.preventDefault();
      window.parent.postMessage({ type: 'erp.openMenu', menu: 'clavardage.window', params: { channel: store.currentId } }, location.origin);
    }
  });
  $('messages').addEventListener('scroll', (e) => { e.target.dataset.scrolled = 'true'; });
  document.addEventListener('visibilitychange', markRead);
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  document.body.replaceChildren(el('p', { class: 'error', role: 'alert', text: errorText(error) }));
});

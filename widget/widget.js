// "Miaou !", the home-desktop widget: a compact chat on the same API and the same shared event stream
// as the full window, so several widgets and the window never disagree on what is unread.
import { api } from '../app/api.js';
import { t, errorText, lang } from '../app/i18n.js';
import { renderMarkdown } from '../app/markdown.js';
import { loadEmoji } from '../app/emoji.js';
import { subscribe } from '../app/stream.js';
import { el, $ } from '../app/dom.js';
import { TypingIndicator } from '../app/typing.js';
import { userBatch } from '../app/user-batch.js';
import { readLater } from '../app/read-later.js';

const LATEST = 30;
const LOCALE = lang === 'en' ? 'en-GB' : 'fr-FR';
const state = { me: null, users: new Map(), channels: [], currentId: null, posts: new Map(), recipients: [], draftKey: null };

const name = (id) => state.users.get(id)?.displayName || id;

/** Authors and recipients the widget has not met yet, asked for in one batch (never the whole directory). */
const knowUsers = userBatch(state.users, () => renderPosts());
const typing = new TypingIndicator(document.getElementById('typing'), name);
const markReadSoon = readLater(() => state.currentId);

async function loadChannels(refresh = false) {
  state.channels = await api.channels(refresh);
  if (!state.channels.some((c) => c.id === state.currentId) && state.channels.length) {
    await select(state.channels[0].id);
  }
  renderChannels();
}

function renderChannels() {
  $('channels').replaceChildren(...state.channels.map((c) => el('button', {
    type: 'button', class: 'channel', style: `--channel-color:${c.color}`, 'data-channel-id': c.id,
    'aria-pressed': String(c.id === state.currentId), onclick: () => select(c.id),
  }, el('span', { class: 'dot', 'aria-hidden': 'true' }), el('span', { class: 'name', text: c.general ? t('general') : c.displayName }),
  c.unread ? el('span', { class: 'star', role: 'img', 'aria-label': t('unread'), text: '🌟' }) : null)));
  const open = $('open-full');
  open.textContent = t('openFull');
  const theme = document.documentElement.dataset.theme;
  open.href = `../app/?channel=${state.currentId ?? ''}&lang=${lang}${theme ? `&theme=${theme}` : ''}`;
}

async function select(id) {
  markReadSoon.now();
  state.currentId = id;
  state.posts = new Map();
  typing.clear();
  renderChannels();
  const page = await api.posts(id, null, LATEST);
  if (id !== state.currentId) return;
  page.posts.forEach((p) => state.posts.set(p.seq, p));
  renderPosts();
  markRead();
}

function renderPosts() {
  const box = $('messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 30;
  const posts = [...state.posts.values()].sort((a, b) => a.seq - b.seq).slice(-LATEST);
  box.replaceChildren(...posts.map((p) => {
    knowUsers([p.authorId, ...p.recipients]);
    const body = el('div', { class: 'body' });
    body.innerHTML = renderMarkdown(p.message);
    const created = new Date(p.createdAt);
    return el('article', { class: `message${p.recipients.includes(state.me.id) ? ' mention' : ''}`, 'data-seq': p.seq },
      el('span', { class: 'author', text: name(p.authorId) }),
      el('time', { datetime: p.createdAt, text: created.toLocaleTimeString(LOCALE, { hour: '2-digit', minute: '2-digit' }) }),
      p.edited ? el('span', { class: 'edited', text: t('edited') }) : null,
      p.recipients.length ? el('span', { class: 'to', text: `${t('to')} ${p.recipients.map(name).join(', ')}` }) : null,
      body);
  }));
  if (atBottom || box.dataset.scrolled !== 'true') box.scrollTop = box.scrollHeight;
}

async function markRead() {
  const c = state.channels.find((ch) => ch.id === state.currentId);
  if (!c || !c.unread || document.visibilityState !== 'visible') return;
  c.unread = false;
  renderChannels();
  await api.markRead(c.id).catch(() => {});
}

function renderRecipients() {
  $('chips').replaceChildren(...state.recipients.map((id) => el('span', { class: 'chip', 'data-user-id': id }, name(id),
    el('button', { type: 'button', 'aria-label': t('removeRecipient', { name: name(id) }), onclick: () => { state.recipients = state.recipients.filter((r) => r !== id); renderRecipients(); } }, '×'))));
}

function setupComposer() {
  const input = $('message');
  const recipientInput = $('recipient-input');
  const list = $('recipient-suggestions');
  input.placeholder = t('messageShort');
  recipientInput.placeholder = t('recipientsPlaceholder');
  $('send').textContent = t('send');
  let asked = 0;
  recipientInput.addEventListener('input', async () => {
    const q = recipientInput.value.trim();
    const ticket = ++asked;
    const found = q ? (await api.users({ q, limit: 10 }).catch(() => ({ users: [] }))).users : [];
    if (ticket !== asked) return;
    found.forEach((u) => state.users.set(u.id, u));
    const matches = found.filter((u) => !state.recipients.includes(u.id) && u.canChat !== false).slice(0, 6);
    list.replaceChildren(...matches.map((u) => el('li', {
      role: 'option', 'data-user-id': u.id,
      onmousedown: (e) => { e.preventDefault(); state.recipients.push(u.id); recipientInput.value = ''; list.hidden = true; renderRecipients(); },
    }, u.displayName)));
    list.hidden = matches.length === 0;
  });
  recipientInput.addEventListener('blur', () => setTimeout(() => { list.hidden = true; }, 100));
  let typingAt = 0;
  input.addEventListener('input', () => {
    if (input.value && Date.now() - typingAt > 3000 && state.currentId != null) {
      typingAt = Date.now();
      api.typing(state.currentId).catch(() => {});
    }
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) send(e);
  });
  $('composer').addEventListener('submit', send);
}

async function send(e) {
  e?.preventDefault();
  const input = $('message');
  const text = input.value;
  if (!text.trim() || state.currentId == null) return;
  state.draftKey = state.draftKey || (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);
  try {
    const post = await api.send(state.currentId, { message: text, recipients: state.recipients, clientKey: state.draftKey });
    if (input.value === text) input.value = '';
    state.draftKey = null;
    state.recipients = [];
    renderRecipients();
    $('error').hidden = true;
    state.posts.set(post.seq, post);
    renderPosts();
  } catch (error) {
    // The text stays in the box; sending again reuses the key, so a lost answer never doubles a post.
    $('error').textContent = t('sendFailed', { reason: errorText(error) });
    $('error').hidden = false;
    if (error.status >= 400 && error.status < 500) state.draftKey = null;
  }
}

function onEvent(event) {
  const here = event.channelId === state.currentId;
  switch (event.type) {
    case 'post.created':
    case 'post.edited':
      // Replayed from the log after the post was edited or deleted: no text; a later event has it.
      if (event.data.redacted) break;
      if (here) {
        state.posts.set(event.data.seq, event.data);
        renderPosts();
      }
      if (event.type === 'post.created' && event.data.authorId !== state.me.id) {
        // Applied in place: the star lights up without asking for the channel list again.
        const c = state.channels.find((ch) => ch.id === event.channelId);
        if (c && here && document.visibilityState === 'visible') {
          markReadSoon();
        } else if (c) {
          c.unread = true;
          renderChannels();
        }
      }
      break;
    case 'post.deleted':
      if (here) {
        state.posts.delete(event.data.seq);
        renderPosts();
      }
      break;
    case 'channel.viewed': {
      const c = state.channels.find((ch) => ch.id === event.channelId);
      if (c) {
        c.unread = false;
        renderChannels();
      }
      break;
    }
    case 'typing':
      if (here && event.data.userId !== state.me.id) {
        typing.typing(event.data.userId);
      }
      break;
    case 'channel.created':
    case 'channel.updated': {
      const c = state.channels.find((ch) => ch.id === event.data.id);
      if (c) {
        for (const key of ['name', 'displayName', 'color', 'type', 'purpose']) c[key] = event.data[key];
      } else if (event.type === 'channel.created' && event.data.createdBy === state.me.id) {
        state.channels.push({ ...event.data, unread: false, mentionCount: 0 });
      }
      renderChannels();
      break;
    }
    case 'member.added':
      if (event.data.userId === state.me.id && !state.channels.some((c) => c.id === event.data.channelId)) {
        state.channels.push({ ...event.data.channel, member: true, unread: false, mentionCount: 0 });
        renderChannels();
      }
      break;
    case 'member.removed':
      if (event.data.userId === state.me.id) {
        state.channels = state.channels.filter((c) => c.id !== event.data.channelId);
        if (state.currentId === event.data.channelId && state.channels.length) select(state.channels[0].id).catch(() => {});
        renderChannels();
      }
      break;
    case 'profile.changed': {
      const u = state.users.get(event.data.userId);
      if (u) {
        Object.assign(u, { nickname: event.data.nickname, displayName: event.data.displayName, avatarUrl: event.data.avatarUrl });
        renderPosts();
      }
      break;
    }
    case 'stream.reset':
      location.reload();
      break;
    default:
      break;
  }
}

async function start() {
  const session = await api.session();
  state.me = session.user;
  state.users = new Map([[state.me.id, state.me]]);
  await loadEmoji();
  setupComposer();
  await loadChannels();
  // On (re)connection the stream resumes by itself; the open channel is read once more for safety.
  subscribe(onEvent, () => (state.currentId != null ? select(state.currentId) : Promise.resolve()).catch(() => {}));
  // "Open the full window": inside the ERP, ask the host to open the menu entry on this channel.
  $('open-full').addEventListener('click', (e) => {
    if (window.parent !== window) {
      e.preventDefault();
      window.parent.postMessage({ type: 'erp.openMenu', menu: 'clavardage.window', params: { channel: state.currentId } }, location.origin);
    }
  });
  $('messages').addEventListener('scroll', (e) => { e.target.dataset.scrolled = 'true'; });
  document.addEventListener('visibilitychange', markRead);
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  document.body.replaceChildren(el('p', { class: 'error', role: 'alert', text: errorText(error) }));
});

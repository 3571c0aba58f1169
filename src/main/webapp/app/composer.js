// The composer, under the messages: one draft per channel (kept in the store), sent through the outbox,
// the recipients it addresses, emoji by :name: or from the picker, a pasted picture refused with a
// reason, ArrowUp to edit one's last message. The message list draws what was sent, asked through hooks
// (page.js).
import { api } from './api.js';
import { t, errorText } from './i18n.js';
import { emojiGroups, suggest } from './emoji.js';
import { el, $ } from './dom.js';
import { store, outbox, hooks, userName, searchUsers } from './page.js';

const TYPING_SEND_MS = 3000;

/** The box shows the open channel's draft; what is typed goes back into it. */
export function saveDraft() {
  if (store.currentId == null) return;
  store.draft().text = $('message-input').value;
}

export function restoreDraft() {
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
      hooks.renderPosts('start');
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

export function renderRecipients() {
  $('recipient-chips').replaceChildren(...recipients().map((id) => el('span', { class: 'chip', 'data-user-id': id },
    userName(id),
    el('button', {
      type: 'button', title: t('removeRecipient', { name: userName(id) }), 'aria-label': t('removeRecipient', { name: userName(id) }),
      onclick: () => { const list = recipients(); list.splice(list.indexOf(id), 1); renderRecipients(); },
    }, '×'))));
}

/** Only users who may use the chat can be addressed: the others could never read it. */
export function addRecipient(id) {
  const user = store.users.get(id);
  if (user && user.canChat === false) return;
  if (store.currentId == null) return;
  if (!recipients().includes(id)) recipients().push(id);
  renderRecipients();
}

export function setupRecipients() {
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

export function setupComposer() {
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
      if (own) { e.preventDefault(); hooks.editPost(own); }
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

// The channel list (left column) and the channel on screen: which one is open, its name and purpose in
// the header, the number of unread channels in the tab's title, and marking what is seen as read.
// Opening a channel also resets the message list and the composer, asked through hooks (page.js).
import { api } from './api.js';
import { t } from './i18n.js';
import { el, $ } from './dom.js';
import { readLater } from './read-later.js';
import { sameId } from './store.js';
import { store, hooks, current, channelLabel } from './page.js';

const GENERAL_PURPOSE = "Le canal de toute l'entreprise";

/** Posts arriving in the open channel are marked read at most once every few seconds (read-later.js). */
export const markReadSoon = readLater(() => store?.currentId);

export async function refreshChannels(refresh = false) {
  store.setChannels(await api.channels(refresh));
  if (!current() && store.channels.length) {
    const wanted = new URLSearchParams(location.search).get('channel');
    await selectChannel((store.channels.find((c) => sameId(c.id, wanted)) || store.channels[0]).id);
  }
  renderChannels();
}

export function renderChannels() {
  const list = $('channel-list');
  list.replaceChildren(...store.channels.map((c) => {
    const selected = store.isCurrent(c.id);
    return el('li', {
      class: `channel${selected ? ' selected' : ''}${c.unread ? ' unread' : ''}`,
      'data-channel-id': c.id, style: `--channel-color:${c.color}`,
    },
    el('button', {
      type: 'button', class: 'edit-arrow', title: t('editChannelOf', { name: channelLabel(c) }),
      'aria-label': t('editChannelOf', { name: channelLabel(c) }), onclick: () => hooks.openChannelDialog(c),
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
export function renderTitle() {
  const c = current();
  const unread = store.unreadCount();
  document.title = `${unread ? `(${unread}) ` : ''}${c ? `${channelLabel(c)} — ` : ''}Clavardage`;
}

export async function selectChannel(id) {
  if (store.isCurrent(id)) return;
  markReadSoon.now();
  hooks.saveDraft();
  // The "new messages" line goes after what was read before opening.
  hooks.clearMessages(store.channel(id));
  store.open(id);
  renderChannels();
  hooks.restoreDraft();
  await hooks.loadNewest(true);
  $('message-input').focus();
}

/** Opens the first channel listed, after the open one went away. */
export async function openFirstChannel() {
  if (store.channels.length) await selectChannel(store.channels[0].id);
}

/** Seen = the channel is on screen in a visible tab: its star goes, for this user only. */
export async function markReadIfSeen() {
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

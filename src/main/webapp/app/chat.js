// The chat window: channels on the left, the selected channel's messages in the middle, every ERP
// user on the right. What it knows lives in the store shared with the widget (store.js), which applies
// each event of the shared stream in place: an event never makes the page download a list again.
// Sends go through the outbox (outbox.js), so nothing typed is ever lost or sent twice.
// This module is the composition root: it creates the store and the outbox, wires the components
// (channel-list.js, message-list.js, composer.js, users-column.js, dialogs.js, members-panel.js,
// notifications.js) to each other through page.js's hooks, starts them, and hands each event's change
// to the components that draw it.
import { api } from './api.js';
import { t, errorText } from './i18n.js';
import { loadEmoji } from './emoji.js';
import { subscribe, openedWithin } from './stream.js';
import { EventHold } from './event-hold.js';
import { el, $ } from './dom.js';
import { ChatStore } from './store.js';
import { Outbox } from './outbox.js';
import { store, hooks, LOCALE, useStore, useOutbox } from './page.js';
import { refreshChannels, renderChannels, selectChannel, openFirstChannel, markReadSoon, markReadIfSeen } from './channel-list.js';
import {
  typing, clearMessages, loadNewest, renderPosts, renderPostsChange, editPost, setupMessageList,
} from './message-list.js';
import { saveDraft, restoreDraft, renderRecipients, addRecipient, setupRecipients, setupComposer } from './composer.js';
import { refreshUsers, renderUsersSoon, setupUserSearch, setupUsersToggle } from './users-column.js';
import {
  openChannelDialog, setupChannelDialog, openUserDialog, setupUserDialog, setupBrowseDialog, setupReadingOrder,
} from './dialogs.js';
import { setupMembersDialog, clearCreateMembers, addCreateMembers, renderMemberChange } from './members-panel.js';
import { notificationsWanted, setNotifications, notifyIfAddressed } from './notifications.js';

const ACTIVITY_MS = 60000;

useOutbox(new Outbox((channelId, post) => api.send(channelId, post)));

// What one component asks of another, each function under its own name.
Object.assign(hooks, {
  selectChannel, refreshChannels, markReadIfSeen, // channel-list.js
  clearMessages, loadNewest, renderPosts, editPost, // message-list.js
  saveDraft, restoreDraft, addRecipient, // composer.js
  renderUsersSoon, // users-column.js
  openChannelDialog, openUserDialog, // dialogs.js
  clearCreateMembers, addCreateMembers, // members-panel.js
  notificationsWanted, setNotifications, // notifications.js
});

function applyStaticTexts() {
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
}

// ---------------------------------------------------------------- events and connection

/** Events wait while the page reads its lists (event-hold.js). */
const hold = new EventHold();

/** The store applies the event; the page redraws what changed and makes the few requests it calls for. */
function onEvent(event) {
  if (hold.keep(event, onEvent)) return;
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
  if (change.posts) renderPostsChange(change);
  if (change.member) renderMemberChange(change.member);
}

/** Set when the page starts reading its lists, at start-up. */
let readsBegan = false;

/**
 * The stream opened. Opened before the page read its lists (the usual first opening), it needs nothing:
 * those reads show everything the stream does not. Opened after they began (a reconnection, or a first
 * opening slower than the page waits), something may have happened in between, and a read in another
 * tab (channel.viewed) is not replayed after a drop: the stars and the open channel are read again.
 */
function onStreamOpen() {
  showConnection('live');
  if (readsBegan) {
    hold.during(async () => {
      await refreshChannels(true);
      await poll();
    }).catch(() => {});
  }
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
    // Offline for a moment: the next opening of the stream reads it again.
  }
}

async function start() {
  applyStaticTexts();
  const session = await api.session();
  useStore(new ChatStore({
    me: session.user, admin: session.admin, readingOrder: session.readingOrder,
    isVisible: () => document.visibilityState === 'visible', locale: LOCALE,
  }));
  // The stream opens first and its events wait until the lists are read (event-hold.js): nothing that
  // happens meanwhile is missed, and the open channel is not read a second time when the stream opens.
  await hold.during(async () => {
    const opening = subscribe(onEvent, onStreamOpen, showConnection);
    await openedWithin(opening);
    readsBegan = true;
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
  });
  reportActivity();
  document.addEventListener('visibilitychange', markReadIfSeen);
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  document.body.replaceChildren(el('p', { class: 'send-error', role: 'alert', text: errorText(error) }));
});

// The window's dialogs and header controls: creating or editing a channel, editing a user's profile
// (one's own status and notifications too), browsing and joining public channels, leaving the open
// channel, and the reading order. What they change elsewhere (the channel list, the members chosen at
// creation, the users column, the message list, desktop notifications) is asked through hooks (page.js).
import { api } from './api.js';
import { t, errorText } from './i18n.js';
import { el, $ } from './dom.js';
import { sameId } from './store.js';
import { store, hooks, current, channelLabel, dialogError, wireCancel } from './page.js';

/**
 * The largest picture the server takes as an avatar (AvatarImages.MAX_UPLOAD_BYTES). Checked before
 * sending: a phone photo is often larger, and this spares uploading it for nothing. It also names the
 * limit when the photo is above the server's request limit too, which only answers the generic
 * payload_too_large (and may close the connection before a browser still sending reads it).
 */
const AVATAR_MAX_BYTES = 5 * 1024 * 1024;

const PALETTE = ['#2F80ED', '#27AE60', '#EB5757', '#F2994A', '#9B51E0', '#00A3A3', '#D6338A', '#8D6E63', '#5D6D7E', '#F2C94C'];

// ---------------------------------------------------------------- channel dialog

let channelDialogTarget = null;

export function openChannelDialog(channel) {
  const dialog = $('channel-dialog');
  const form = $('channel-form');
  channelDialogTarget = channel;
  form.reset();
  dialogError(dialog, null);
  for (const node of form.querySelectorAll('.create-only')) node.hidden = Boolean(channel);
  $('channel-dialog-title').textContent = channel ? t('editChannelOf', { name: channelLabel(channel) }) : t('newChannel');
  form.displayName.value = channel ? channel.displayName : '';
  form.purpose.value = channel?.purpose || '';
  hooks.clearCreateMembers();
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

export function setupChannelDialog() {
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
        await hooks.refreshChannels();
      } else {
        const created = await api.createChannel({ ...fields, name: form.name.value || undefined, type: form.type.value });
        dialog.close();
        // The channel exists now: each member chosen is added; one refused does not stop the others.
        const refused = await hooks.addCreateMembers(created.id);
        await hooks.refreshChannels();
        await hooks.selectChannel(created.id);
        if (refused.length) alert(errorText(refused[0]));
      }
    } catch (error) {
      dialogError(dialog, error);
    }
  });
  $('new-channel').addEventListener('click', () => openChannelDialog(null));
}

// ---------------------------------------------------------------- user dialog

let userDialogTarget = null;
let userDialogRemoveAvatar = false;

export function openUserDialog(user) {
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
  form.notify.checked = hooks.notificationsWanted();
  dialog.showModal();
  form.nickname.focus();
}

export function setupUserDialog() {
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
      if (file && file.size > AVATAR_MAX_BYTES) {
        dialogError(dialog, { code: 'avatar_too_large' });
        return;
      }
      if (file) await api.uploadAvatar(userDialogTarget.id, file);
      else if (userDialogRemoveAvatar) await api.removeAvatar(userDialogTarget.id);
      const changes = {};
      if ((userDialogTarget.nickname || '') !== form.nickname.value) changes.nickname = form.nickname.value;
      if (sameId(userDialogTarget.id, store.me.id)) {
        const status = form.status.value;
        const was = userDialogTarget.manualStatus && userDialogTarget.manualStatus !== 'online' ? userDialogTarget.manualStatus : '';
        if (status !== was) changes.status = status;
        await hooks.setNotifications(form.notify.checked);
      }
      if (Object.keys(changes).length) {
        store.learnUsers([await api.updateUser(userDialogTarget.id, changes)]);
        hooks.renderUsersSoon();
      }
      dialog.close();
      // The profile.changed event redraws the user everywhere, in this tab and the others.
    } catch (error) {
      dialogError(dialog, error);
    }
  });
}

// ---------------------------------------------------------------- browse and leave

export function setupBrowseDialog() {
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
          await hooks.refreshChannels();
          await hooks.selectChannel(c.id);
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
      await hooks.refreshChannels();
    } catch (e) {
      alert(errorText(e));
    }
  });
}

// ---------------------------------------------------------------- reading order

export function setupReadingOrder() {
  const select = $('reading-order');
  select.value = store.readingOrder;
  $('chat').dataset.order = store.readingOrder;
  select.addEventListener('change', async () => {
    store.readingOrder = select.value;
    $('chat').dataset.order = store.readingOrder;
    hooks.renderPosts('order');
    try {
      await api.setPreferences({ readingOrder: store.readingOrder });
    } catch (e) {
      alert(errorText(e));
    }
  });
}

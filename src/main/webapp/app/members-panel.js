// Channel membership: the members dialog of the open channel (who is in it, its channel admins; add,
// promote, remove) and the members chosen in the channel dialog when creating one, added once the
// channel exists. Both pick users from the directory with the same search box (userPicker).
import { api } from './api.js';
import { t, errorText } from './i18n.js';
import { el, $ } from './dom.js';
import { sameId } from './store.js';
import { userBatch } from './user-batch.js';
import { store, current, channelLabel, userName, avatarOf, searchUsers, dialogError, wireCancel } from './page.js';

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

// ---------------------------------------------------------------- members dialog

/** The members panel of the open channel: who is in it, its channel admins; add, promote, remove. */
const membersPanel = { channel: null, members: [] };

/** Renaming, promoting and removing others: the channel's admins, and ERP admins. */
function canManage(c) {
  // The store's copy: my role there follows member.updated, even after the channel list was read again.
  const now = store.channel(c.id) || c;
  return store.admin || (now.role === 'admin' && !now.general);
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

/**
 * Someone joined, left or changed role (member.added, member.removed, member.updated: change.member):
 * if the panel is open on that channel, the list follows in place, with the controls my own role now
 * allows. No request, except the names of newcomers the page has never met, asked for by id.
 */
export function renderMemberChange(member) {
  if (!member || !$('members-dialog').open || !membersPanel.channel || !sameId(membersPanel.channel.id, member.channelId)) return;
  const shown = membersPanel.members.find((m) => sameId(m.userId, member.userId));
  if (member.removed) {
    if (!shown) return;
    membersPanel.members = membersPanel.members.filter((m) => m !== shown);
  } else if (member.added) {
    if (shown) return;
    membersPanel.members = [...membersPanel.members, { userId: member.userId, role: member.role }];
    knowMembers([member.userId]);
  } else {
    if (!shown) return;
    shown.role = member.role;
  }
  renderMembers();
}

/** Newcomers' names, asked for by id in one batch (the store exists only once the page has started). */
const knowMembers = userBatch({
  has: (id) => store.users.has(id),
  set: (id, u) => store.learnUsers([u]),
}, () => renderMembers());

export function setupMembersDialog() {
  wireCancel($('members-dialog'));
  $('members-button').addEventListener('click', () => openMembersDialog().catch((e) => alert(errorText(e))));
  userPicker($('member-search'), $('member-suggestions'), (id) => membersPanel.members.some((m) => sameId(m.userId, id)));
  $('member-search').addEventListener('userchosen', (e) => memberAction(() => api.join(membersPanel.channel.id, e.detail.id)));
  // The create dialog chooses members too; they are added once the channel exists.
  userPicker($('create-member-search'), $('create-member-suggestions'), (id) => sameId(id, store.me.id) || createMembers.includes(id));
  $('create-member-search').addEventListener('userchosen', (e) => { createMembers.push(e.detail.id); renderCreateMembers(); });
}

// ---------------------------------------------------------------- members chosen at creation

/** Members chosen in the create dialog. */
const createMembers = [];

function renderCreateMembers() {
  $('create-member-chips').replaceChildren(...createMembers.map((id) => el('span', { class: 'chip', 'data-user-id': id }, userName(id),
    el('button', {
      type: 'button', 'aria-label': t('removeRecipient', { name: userName(id) }),
      onclick: () => { createMembers.splice(createMembers.indexOf(id), 1); renderCreateMembers(); },
    }, '×'))));
}

/** The channel dialog opens with nobody chosen. */
export function clearCreateMembers() {
  createMembers.length = 0;
  renderCreateMembers();
}

/** Adds each member chosen to the channel just created; one refused does not stop the others. Returns the refusals. */
export async function addCreateMembers(channelId) {
  const refused = [];
  for (const userId of createMembers) await api.join(channelId, userId).catch((e) => refused.push(e));
  return refused;
}

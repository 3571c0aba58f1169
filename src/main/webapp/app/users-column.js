// The users column (right): every ERP user, a page at a time in the server's order (by status, then by
// name; oneself last), searched by the server, redrawn at most once per frame. A double click (or Enter)
// addresses a user in the composer, the arrow opens the profile dialog: both asked through hooks (page.js).
import { api } from './api.js';
import { t } from './i18n.js';
import { el, $ } from './dom.js';
import { store, hooks, LOCALE } from './page.js';

/** The users column loads a page at a time: a company of thousands is never downloaded whole. */
const USERS_PAGE = 100;

/** The users column: a page of the server's order, more on demand. */
const column = { users: [], cursor: null, q: '' };

/**
 * The first page of the users column, or of those matching the search box (accents and case ignored by
 * the server); later pages load as the end of the list scrolls into view.
 */
export async function refreshUsers(refresh = false) {
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
    ondblclick: () => hooks.addRecipient(u.id),
    onkeydown: (e) => { if (e.key === 'Enter' && e.target === e.currentTarget) hooks.addRecipient(u.id); },
  },
  el('img', { src: u.avatarUrl, alt: t('avatarOf', { name: u.displayName }) }),
  el('span', { class: `status ${u.status}`, title: statusTitle(u.status) }),
  el('span', { class: 'name', text: u.displayName }),
  u.self ? el('span', { class: 'self-label', text: t('selfMark') }) : null,
  unavailable ? el('span', { class: 'hint unavailable-hint', text: t('unavailable') }) : null,
  (u.self || store.admin) ? el('button', {
    type: 'button', class: 'edit-arrow', title: t('editUserOf', { name: u.displayName }),
    'aria-label': t('editUserOf', { name: u.displayName }), onclick: () => hooks.openUserDialog(u),
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

/** The column redrawn at most once per frame, however many events arrive. */
let usersDirty = false;
export function renderUsersSoon() {
  if (usersDirty) return;
  usersDirty = true;
  requestAnimationFrame(() => { usersDirty = false; sortUsers(); renderUsers(); });
}

export function setupUserSearch() {
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

/** Below 900 px the users column is a panel opened from the header. */
export function setupUsersToggle() {
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

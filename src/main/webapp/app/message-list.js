// The open channel's messages (middle column): the newest page and older ones on demand, drawn grouped
// by day and by author, with the "new messages" line, a reading position that stays put while posts
// arrive, the button that jumps to the newest, each message's menu and editing in place; and who is
// typing there. Marking the channel read belongs to the channel list, asked through hooks (page.js).
import { api } from './api.js';
import { t, errorText } from './i18n.js';
import { renderMarkdown, isEmojiOnly } from './markdown.js';
import { el, $ } from './dom.js';
import { TypingIndicator } from './typing.js';
import { userBatch } from './user-batch.js';
import { sameId } from './store.js';
import { store, hooks, LOCALE, userName, avatarOf } from './page.js';

const PAGE = 50;

/** Consecutive posts of one author within this time share one header. */
const GROUP_MS = 5 * 60 * 1000;

/** The message list's own state: loading, the unread line, posts that arrived out of view. */
const view = { loadingOlder: false, newAfter: null, unseen: 0 };

export const typing = new TypingIndicator(document.getElementById('typing'), userName);

/** Users met in messages but not yet known to the page: asked for in one batch, not the whole directory. */
const knowUsers = userBatch({
  has: (id) => store.users.has(id),
  set: (id, u) => store.learnUsers([u]),
}, () => renderPosts('update'));

/** Empties the list before another channel opens; its "new messages" line goes after what was read of it. */
export function clearMessages(opened) {
  view.newAfter = opened?.unread ? opened.lastViewedSeq : null;
  view.unseen = 0;
  typing.clear();
  $('messages').replaceChildren();
  renderJump();
}

/** Merges the newest page (and any gap before it) into what is shown; drops posts deleted since. */
export async function loadNewest(first = false, refresh = false) {
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
  hooks.markReadIfSeen();
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
export function renderPosts(reason) {
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

/** Redraws after an event changed the posts: one from someone else arriving out of view counts on the jump button. */
export function renderPostsChange(change) {
  const box = $('messages');
  if (change.typingStopped && !sameId(change.typingStopped, store.me.id) && !isAtNewestEnd(box)) {
    view.unseen += 1;
    renderJump();
  }
  renderPosts('update');
}

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

export function editPost(post) {
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

export function setupMessageList() {
  $('jump-newest').addEventListener('click', scrollToNewest);
  $('messages').addEventListener('scroll', () => {
    if (view.unseen && isAtNewestEnd($('messages'))) {
      view.unseen = 0;
      renderJump();
    }
  }, { passive: true });
}

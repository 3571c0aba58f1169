// What the page knows (channels, the open channel's posts, users met, drafts) and the one place that
// knows what each event of the stream changes. Shared by the chat window and the widget. No DOM and no
// requests here: `apply(event)` changes the state and says what changed, and each view redraws that
// and makes the requests its own behaviour needs. Runs as it is in Node for the unit tests.
//
// Ids (channels, posts, users, events) are opaque values: compared as strings, never ordered or added.
// Posts are ordered by the `seq` the server gives them in their channel.

/** Whether two ids name the same thing, whatever their JSON type. */
export const sameId = (a, b) => a != null && b != null && String(a) === String(b);

const SHARED_CHANNEL_FIELDS = ['name', 'displayName', 'color', 'type', 'purpose', 'general'];

/** What one apply() changed, for the view to redraw and react to. */
function noChange() {
  return {
    channels: false, // the channel list (names, stars, counts, membership)
    posts: false, // the open channel's messages
    users: false, // statuses or profiles of users the page shows
    member: null, // a member whose role changed, { channelId, userId, role }: an open members panel redraws them
    typing: null, // a user who typed in the open channel
    typingStopped: null, // a user whose message arrived in the open channel
    readHere: false, // someone else posted in the channel being read: tell the server it was seen
    leftOpen: false, // the caller is no longer in the open channel: open another
    reload: false, // the stream cannot resume: the page starts afresh
  };
}

export class ChatStore {
  /**
   * `me`: the caller's user view; `admin`: holds clavardage.admin; `isVisible()`: whether the page is
   * on screen now (a post in the open channel of a hidden tab is news, not read).
   */
  constructor({ me, admin = false, readingOrder = 'newest_bottom', isVisible = () => true, locale = 'fr-FR' } = {}) {
    this.me = me;
    this.collator = new Intl.Collator(locale);
    this.admin = admin;
    this.readingOrder = readingOrder;
    this.isVisible = isVisible;
    this.channels = [];
    this.currentId = null;
    this.posts = new Map(); // seq -> post, open channel only
    this.hasOlder = false;
    this.users = new Map(); // id -> user view, every user the page has met
    this.drafts = new Map(); // channel id (string) -> { text, recipients, clientKey }
    if (me) this.users.set(me.id, me);
  }

  // ------------------------------------------------------------ channels

  channel(id) {
    return this.channels.find((c) => sameId(c.id, id)) || null;
  }

  current() {
    return this.channel(this.currentId);
  }

  isCurrent(id) {
    return sameId(id, this.currentId);
  }

  /** The list from GET /channels. */
  setChannels(list) {
    this.channels = list;
    this.sortChannels();
  }

  /**
   * General first, then by name in the page's language ("Édition" before "Service", where code points
   * put it last); equal names keep the server's order.
   */
  sortChannels() {
    this.channels.sort((a, b) => Number(Boolean(b.general)) - Number(Boolean(a.general))
      || this.collator.compare(a.displayName || '', b.displayName || ''));
  }

  /** Opens a channel: its posts are loaded afresh; its draft stays in `drafts`. */
  open(id) {
    this.currentId = id;
    this.posts = new Map();
    this.hasOlder = false;
  }

  /** How many channels hold something unread (the tab title shows it). */
  unreadCount() {
    return this.channels.filter((c) => c.unread).length;
  }

  /** The open channel was seen: its star and mention count go. True when something changed. */
  markOpenRead() {
    const c = this.current();
    if (!c || (!c.unread && !c.mentionCount)) return false;
    if (c.lastPostSeq != null) c.lastViewedSeq = c.lastPostSeq;
    c.unread = false;
    c.mentionCount = 0;
    return true;
  }

  // ------------------------------------------------------------ posts

  /** The open channel's posts in the server's order (oldest first). */
  sortedPosts() {
    return [...this.posts.values()].sort((a, b) => a.seq - b.seq);
  }

  /**
   * Merges the newest page (and any older pages fetched to fill a gap, newest first) into what is
   * shown. A shown post within the fetched range that is no longer returned was deleted meanwhile.
   */
  mergeNewest(posts, { first = false, nextBefore = null } = {}) {
    const lowest = posts.length ? posts[posts.length - 1].seq : Infinity;
    const fetched = new Set(posts.map((p) => p.seq));
    for (const seq of [...this.posts.keys()]) {
      if (seq >= lowest && !fetched.has(seq)) this.posts.delete(seq);
    }
    for (const post of posts) this.posts.set(post.seq, post);
    if (first) this.hasOlder = nextBefore != null;
  }

  /** An older page, scrolled back to. */
  mergeOlder(posts, nextBefore) {
    for (const post of posts) this.posts.set(post.seq, post);
    this.hasOlder = nextBefore != null;
  }

  /** One's own newest live post in the open channel (ArrowUp edits it), or null. */
  lastOwnPost() {
    const own = this.sortedPosts().filter((p) => sameId(p.authorId, this.me.id));
    return own.length ? own[own.length - 1] : null;
  }

  // ------------------------------------------------------------ users

  /** Users from GET /users (any page or batch): known from now on. */
  learnUsers(list) {
    for (const u of list) {
      const known = this.users.get(u.id);
      if (known) Object.assign(known, u);
      else this.users.set(u.id, u);
    }
  }

  userName(id) {
    return this.users.get(id)?.displayName || String(id);
  }

  // ------------------------------------------------------------ drafts

  /** The draft of a channel (the open one by default): text, recipients, and the key of its send. */
  draft(channelId = this.currentId) {
    const key = String(channelId);
    let draft = this.drafts.get(key);
    if (!draft) {
      draft = { text: '', recipients: [], clientKey: null };
      this.drafts.set(key, draft);
    }
    return draft;
  }

  // ------------------------------------------------------------ events

  /** Applies one event of the stream to the state; returns what changed (see noChange()). */
  apply(event) {
    const change = noChange();
    const data = event.data || {};
    const here = this.isCurrent(event.channelId);
    switch (event.type) {
      case 'post.created':
      case 'post.edited':
        // Replayed from the log after the post was edited or deleted: no text; a later event has it.
        if (data.redacted) break;
        if (here) {
          this.posts.set(data.seq, data);
          change.posts = true;
          if (event.type === 'post.created') change.typingStopped = data.authorId;
        }
        if (event.type === 'post.created') this.postArrived(data, change);
        break;
      case 'post.deleted':
        if (here && this.posts.delete(data.seq)) change.posts = true;
        break;
      case 'typing':
        if (here && !sameId(data.userId, this.me.id)) change.typing = data.userId;
        break;
      case 'channel.viewed': {
        // Read in another tab or device: the star goes here too, unless a newer post came meanwhile (this
        // event is delivered live, not through the log, so it may arrive after a later post.created).
        const c = this.channel(event.channelId);
        if (c && data.lastViewedSeq != null) c.lastViewedSeq = Math.max(c.lastViewedSeq || 0, data.lastViewedSeq);
        if (c && (c.unread || c.mentionCount) && (c.lastViewedSeq || 0) >= (c.lastPostSeq || 0)) {
          c.unread = false;
          c.mentionCount = 0;
          change.channels = true;
        }
        break;
      }
      case 'channel.created':
      case 'channel.updated': {
        const c = this.channel(data.id);
        if (c) {
          // The event carries the channel itself; what is personal (unread, role) stays as it is here.
          for (const key of SHARED_CHANNEL_FIELDS) if (key in data) c[key] = data[key];
          this.sortChannels();
          change.channels = true;
        } else if (event.type === 'channel.created' && sameId(data.createdBy, this.me.id)) {
          this.channels.push({ ...data, role: 'admin', unread: false, mentionCount: 0, lastViewedSeq: data.lastPostSeq });
          this.sortChannels();
          change.channels = true;
        }
        break;
      }
      case 'member.added':
        if (sameId(data.userId, this.me.id) && !this.channel(data.channelId) && data.channel) {
          this.channels.push({ ...data.channel, member: true, role: 'member', unread: false, mentionCount: 0,
            lastViewedSeq: data.channel.lastPostSeq });
          this.sortChannels();
          change.channels = true;
        }
        change.member = { channelId: data.channelId, userId: data.userId, role: 'member', added: true };
        break;
      case 'member.removed':
        if (sameId(data.userId, this.me.id) && this.channel(data.channelId)) {
          this.channels = this.channels.filter((c) => !sameId(c.id, data.channelId));
          this.drafts.delete(String(data.channelId));
          change.channels = true;
          if (this.isCurrent(data.channelId)) {
            this.open(null);
            change.leftOpen = true;
            change.posts = true;
          }
        }
        change.member = { channelId: data.channelId, userId: data.userId, removed: true };
        break;
      case 'member.updated': {
        // Promoted or demoted: my own role decides which controls I get; anyone's shows in the members panel.
        const c = sameId(data.userId, this.me.id) ? this.channel(data.channelId) : null;
        if (c && c.role !== data.role) {
          c.role = data.role;
          change.channels = true;
        }
        change.member = { channelId: data.channelId, userId: data.userId, role: data.role };
        break;
      }
      case 'status.changed':
        for (const { userId, status } of data.changes || []) {
          const u = this.users.get(userId);
          if (u && u.status !== status) {
            u.status = status;
            change.users = true;
          }
        }
        break;
      case 'profile.changed': {
        const u = this.users.get(data.userId);
        if (u) {
          Object.assign(u, { nickname: data.nickname, displayName: data.displayName, avatarUrl: data.avatarUrl });
          change.users = true;
          // Names and pictures are drawn in messages too.
          if ([...this.posts.values()].some((p) => sameId(p.authorId, data.userId) || p.recipients?.some((r) => sameId(r, data.userId)))) {
            change.posts = true;
          }
        }
        break;
      }
      case 'stream.reset':
        change.reload = true;
        break;
      default:
        break;
    }
    return change;
  }

  /** A new post: the channel's position moves; from someone else it is news unless being read. */
  postArrived(post, change) {
    const c = this.channel(post.channelId);
    if (!c) return;
    // Already counted: the channel list was read after it was posted, or its event came before (posts
    // are numbered in their channel in the order their events are delivered).
    if (c.lastPostSeq != null && post.seq <= c.lastPostSeq) return;
    c.lastPostSeq = post.seq;
    c.lastPostAt = post.createdAt;
    change.channels = true;
    if (sameId(post.authorId, this.me.id)) return;
    // Replayed after a reconnection, but already read here or elsewhere: not news.
    if (c.lastViewedSeq != null && post.seq <= c.lastViewedSeq) return;
    if (this.isCurrent(post.channelId) && this.isVisible()) {
      // Seen as it arrives: no star on the channel being read; the server hears it soon.
      change.readHere = true;
      return;
    }
    c.unread = true;
    if ((post.recipients || []).some((r) => sameId(r, this.me.id))) c.mentionCount = (c.mentionCount || 0) + 1;
  }
}

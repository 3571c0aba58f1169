// Unit tests of the client store (src/main/webapp/app/store.js): what each event of the stream changes.
// Run by `node --test src/test/js` (ClientScriptsTest does it in `mvn test`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatStore, sameId } from '../../main/webapp/app/store.js';

const ME = { id: 'u-alice', displayName: 'Alice', status: 'online' };

function post(seq, { channelId = 'c1', authorId = 'u-bruno', recipients = [], message = `m${seq}` } = {}) {
  return { id: `p${channelId}-${seq}`, channelId, seq, authorId, message, recipients, createdAt: '2026-11-23T10:00:00Z', editedAt: null, edited: false };
}

function store({ visible = true } = {}) {
  const s = new ChatStore({ me: ME, isVisible: () => visible });
  s.setChannels([
    { id: 'c1', displayName: 'Général', general: true, unread: false, mentionCount: 0, lastPostSeq: 3, lastViewedSeq: 3 },
    { id: 'c2', displayName: 'Café', unread: false, mentionCount: 0, lastPostSeq: 10, lastViewedSeq: 10 },
  ]);
  s.open('c1');
  s.mergeNewest([post(3), post(2), post(1)], { first: true, nextBefore: null });
  return s;
}

test('ids are compared as opaque values, whatever their JSON type', () => {
  assert.ok(sameId(7, '7'));
  assert.ok(!sameId(null, null));
  assert.ok(!sameId('7', '70'));
});

test('a post in the open channel is shown, and no star lights on the channel being read', () => {
  const s = store();
  const change = s.apply({ type: 'post.created', channelId: 'c1', data: post(4) });
  assert.deepEqual(s.sortedPosts().map((p) => p.seq), [1, 2, 3, 4]);
  assert.equal(change.posts, true);
  assert.equal(change.readHere, true);
  assert.equal(change.typingStopped, 'u-bruno');
  assert.equal(s.channel('c1').unread, false);
  assert.equal(s.channel('c1').lastPostSeq, 4);
});

test('a post in the open channel of a hidden tab is news', () => {
  const s = store({ visible: false });
  const change = s.apply({ type: 'post.created', channelId: 'c1', data: post(4) });
  assert.equal(change.readHere, false);
  assert.equal(s.channel('c1').unread, true);
});

test('a post elsewhere lights the star, and counts a mention when it addresses me', () => {
  const s = store();
  s.apply({ type: 'post.created', channelId: 'c2', data: post(11, { channelId: 'c2' }) });
  s.apply({ type: 'post.created', channelId: 'c2', data: post(12, { channelId: 'c2', recipients: ['u-alice'] }) });
  assert.equal(s.channel('c2').unread, true);
  assert.equal(s.channel('c2').mentionCount, 1);
  assert.equal(s.unreadCount(), 1);
  assert.equal(s.posts.size, 3, 'not shown in the open channel');
});

test('my own post elsewhere is not news; a replayed post already read is not news either', () => {
  const s = store();
  s.apply({ type: 'post.created', channelId: 'c2', data: post(11, { channelId: 'c2', authorId: 'u-alice' }) });
  s.apply({ type: 'post.created', channelId: 'c2', data: post(9, { channelId: 'c2' }) });
  assert.equal(s.channel('c2').unread, false);
  assert.equal(s.channel('c2').lastPostSeq, 11);
});

test('a post the channel list already counted is not counted again when its event comes after the list', () => {
  const s = store();
  // The list was read after post 12 (which addresses me) was written: unread, one mention.
  s.setChannels([
    { id: 'c1', displayName: 'Général', general: true, unread: false, mentionCount: 0, lastPostSeq: 3, lastViewedSeq: 3 },
    { id: 'c2', displayName: 'Café', unread: true, mentionCount: 1, lastPostSeq: 12, lastViewedSeq: 10 },
  ]);
  s.apply({ type: 'post.created', channelId: 'c2', data: post(11, { channelId: 'c2' }) });
  s.apply({ type: 'post.created', channelId: 'c2', data: post(12, { channelId: 'c2', recipients: ['u-alice'] }) });
  assert.equal(s.channel('c2').mentionCount, 1);
  assert.equal(s.channel('c2').lastPostSeq, 12);
  s.apply({ type: 'post.created', channelId: 'c2', data: post(13, { channelId: 'c2', recipients: ['u-alice'] }) });
  assert.equal(s.channel('c2').mentionCount, 2, 'a newer post still counts');
});

test('redacted replays are skipped; edits replace and deletions remove the post in place', () => {
  const s = store();
  assert.equal(s.apply({ type: 'post.created', channelId: 'c1', data: { id: 'x', channelId: 'c1', seq: 2, redacted: true } }).posts, false);
  assert.equal(s.posts.get(2).message, 'm2');
  s.apply({ type: 'post.edited', channelId: 'c1', data: { ...post(2), message: 'changed', edited: true } });
  assert.equal(s.posts.get(2).message, 'changed');
  const change = s.apply({ type: 'post.deleted', channelId: 'c1', data: { id: 'pc1-1', channelId: 'c1', seq: 1 } });
  assert.equal(change.posts, true);
  assert.deepEqual(s.sortedPosts().map((p) => p.seq), [2, 3]);
  assert.equal(s.apply({ type: 'post.deleted', channelId: 'c2', data: { id: 'y', channelId: 'c2', seq: 1 } }).posts, false);
});

test('channel.viewed from another tab clears the star and the mentions', () => {
  const s = store();
  s.apply({ type: 'post.created', channelId: 'c2', data: post(11, { channelId: 'c2', recipients: ['u-alice'] }) });
  const change = s.apply({ type: 'channel.viewed', channelId: 'c2', data: { channelId: 'c2', lastViewedSeq: 11 } });
  assert.equal(change.channels, true);
  assert.equal(s.channel('c2').unread, false);
  assert.equal(s.channel('c2').mentionCount, 0);
});

test('a channel.viewed overtaken by a newer post leaves the star of that post', () => {
  const s = store();
  s.apply({ type: 'post.created', channelId: 'c2', data: post(11, { channelId: 'c2' }) });
  s.apply({ type: 'post.created', channelId: 'c2', data: post(12, { channelId: 'c2' }) });
  s.apply({ type: 'channel.viewed', channelId: 'c2', data: { channelId: 'c2', lastViewedSeq: 11 } });
  assert.equal(s.channel('c2').unread, true);
  s.apply({ type: 'channel.viewed', channelId: 'c2', data: { channelId: 'c2', lastViewedSeq: 12 } });
  assert.equal(s.channel('c2').unread, false);
});

test('member.added and member.removed of anyone tell the members panel who changed', () => {
  const s = store();
  assert.deepEqual(s.apply({ type: 'member.added', channelId: 'c2', data: { channelId: 'c2', userId: 'u-chloe', channel: { id: 'c2' } } }).member,
    { channelId: 'c2', userId: 'u-chloe', role: 'member', added: true });
  assert.deepEqual(s.apply({ type: 'member.removed', channelId: 'c2', data: { channelId: 'c2', userId: 'u-chloe' } }).member,
    { channelId: 'c2', userId: 'u-chloe', removed: true });
});

test('channel.updated merges the shared fields and keeps my own', () => {
  const s = store();
  s.channel('c2').unread = true;
  s.apply({ type: 'channel.updated', channelId: 'c2', data: { id: 'c2', displayName: 'Pause', color: '#27AE60', unread: null, role: null } });
  assert.equal(s.channel('c2').displayName, 'Pause');
  assert.equal(s.channel('c2').color, '#27AE60');
  assert.equal(s.channel('c2').unread, true);
});

test('channel.created by me and member.added for me list the channel; member.removed for me unlists it and leaves it', () => {
  const s = store();
  s.apply({ type: 'channel.created', channelId: 'c3', data: { id: 'c3', displayName: 'Mine', createdBy: 'u-alice', lastPostSeq: 0 } });
  s.apply({ type: 'member.added', channelId: 'c4', data: { channelId: 'c4', userId: 'u-alice', channel: { id: 'c4', displayName: 'Invited', lastPostSeq: 5 } } });
  s.apply({ type: 'member.added', channelId: 'c5', data: { channelId: 'c5', userId: 'u-bruno', channel: { id: 'c5' } } });
  assert.deepEqual(s.channels.map((c) => c.id), ['c1', 'c2', 'c4', 'c3'], 'General, then Café, Invited, Mine');
  assert.equal(s.channel('c3').role, 'admin');
  assert.equal(s.channel('c4').unread, false);

  s.draft('c1').text = 'half written';
  const change = s.apply({ type: 'member.removed', channelId: 'c1', data: { channelId: 'c1', userId: 'u-alice' } });
  assert.equal(change.leftOpen, true);
  assert.equal(s.currentId, null);
  assert.equal(s.channel('c1'), null);
  assert.equal(s.drafts.has('c1'), false);
  assert.equal(s.apply({ type: 'member.removed', channelId: 'c2', data: { channelId: 'c2', userId: 'u-bruno' } }).channels, false);
});

test('member.updated for me changes my role in the channel; for anyone it is reported for the members panel', () => {
  const s = store();
  s.channel('c2').role = 'member';
  const promoted = s.apply({ type: 'member.updated', channelId: 'c2', data: { channelId: 'c2', userId: 'u-alice', role: 'admin' } });
  assert.equal(s.channel('c2').role, 'admin');
  assert.equal(promoted.channels, true, 'the list and header redraw my controls');
  assert.deepEqual(promoted.member, { channelId: 'c2', userId: 'u-alice', role: 'admin' });
  assert.equal(promoted.posts, false);

  const other = s.apply({ type: 'member.updated', channelId: 'c2', data: { channelId: 'c2', userId: 'u-bruno', role: 'admin' } });
  assert.equal(s.channel('c2').role, 'admin', 'someone else\'s role is not mine');
  assert.equal(other.channels, false);
  assert.deepEqual(other.member, { channelId: 'c2', userId: 'u-bruno', role: 'admin' });

  const demoted = s.apply({ type: 'member.updated', channelId: 7, data: { channelId: 7, userId: 'u-alice', role: 'member' } });
  assert.equal(demoted.channels, false, 'a channel I do not list changes nothing of mine');
  assert.equal(s.apply({ type: 'post.deleted', channelId: 'c1', data: { seq: 99 } }).member, null);

  s.channels.push({ id: 7, displayName: 'Sept', role: 'admin' });
  assert.equal(s.apply({ type: 'member.updated', channelId: 7, data: { channelId: '7', userId: 'u-alice', role: 'member' } }).channels, true);
  assert.equal(s.channel(7).role, 'member', 'ids compared as opaque values');
});

test('statuses and profiles change the users the page knows, and redraw messages that show them', () => {
  const s = store();
  s.learnUsers([{ id: 'u-bruno', displayName: 'Bruno', status: 'offline', avatarUrl: 'a1' }]);
  assert.equal(s.apply({ type: 'status.changed', channelId: null, data: { changes: [{ userId: 'u-bruno', status: 'online' }, { userId: 'u-zoe', status: 'away' }] } }).users, true);
  assert.equal(s.users.get('u-bruno').status, 'online');
  assert.equal(s.users.has('u-zoe'), false, 'unknown users are not added by events');
  const change = s.apply({ type: 'profile.changed', channelId: null, data: { userId: 'u-bruno', nickname: 'Bru', displayName: 'Bru', avatarUrl: 'a2' } });
  assert.equal(change.users, true);
  assert.equal(change.posts, true, 'Bruno wrote the posts on screen');
  assert.equal(s.userName('u-bruno'), 'Bru');
});

test('typing shows for others in the open channel only; stream.reset asks for a reload', () => {
  const s = store();
  assert.equal(s.apply({ type: 'typing', channelId: 'c1', data: { channelId: 'c1', userId: 'u-bruno' } }).typing, 'u-bruno');
  assert.equal(s.apply({ type: 'typing', channelId: 'c1', data: { channelId: 'c1', userId: 'u-alice' } }).typing, null);
  assert.equal(s.apply({ type: 'typing', channelId: 'c2', data: { channelId: 'c2', userId: 'u-bruno' } }).typing, null);
  assert.equal(s.apply({ type: 'stream.reset', channelId: null, data: {} }).reload, true);
});

test('each channel keeps its own draft and recipients', () => {
  const s = store();
  s.draft().text = 'pour le général';
  s.draft().recipients.push('u-bruno');
  s.open('c2');
  assert.equal(s.draft().text, '');
  assert.deepEqual(s.draft().recipients, []);
  s.open('c1');
  assert.equal(s.draft().text, 'pour le général');
  assert.deepEqual(s.draft().recipients, ['u-bruno']);
});

test('the newest page merged again removes posts deleted meanwhile within its range only', () => {
  const s = store();
  s.mergeOlder([post(0)], null);
  s.mergeNewest([post(4), post(3), post(1)]);
  assert.deepEqual(s.sortedPosts().map((p) => p.seq), [0, 1, 3, 4]);
});

test('marking the open channel read clears it and moves its marker; the last own post is found for ArrowUp', () => {
  const s = store();
  s.channel('c1').unread = true;
  s.channel('c1').lastPostSeq = 3;
  assert.equal(s.markOpenRead(), true);
  assert.equal(s.markOpenRead(), false);
  assert.equal(s.lastOwnPost(), null);
  s.apply({ type: 'post.created', channelId: 'c1', data: post(4, { authorId: 'u-alice' }) });
  s.apply({ type: 'post.created', channelId: 'c1', data: post(5) });
  assert.equal(s.lastOwnPost().seq, 4);
});

test('channels sort by name in the page\'s language, General first, not by code point', () => {
  const s = new ChatStore({ me: ME, locale: 'fr-FR' });
  s.setChannels([
    { id: 'a', displayName: 'Service marketing' }, { id: 'b', displayName: 'Édition' },
    { id: 'g', displayName: 'Général', general: true }, { id: 'c', displayName: 'administratif' },
  ]);
  assert.deepEqual(s.channels.map((c) => c.displayName), ['Général', 'administratif', 'Édition', 'Service marketing']);
  s.apply({ type: 'channel.updated', channelId: 'a', data: { id: 'a', displayName: 'Achats' } });
  assert.deepEqual(s.channels.map((c) => c.id), ['g', 'a', 'c', 'b']);
});

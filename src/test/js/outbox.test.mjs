// Unit tests of the outbox (src/main/webapp/app/outbox.js): client keys across retries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox, retryable } from '../../main/webapp/app/outbox.js';

const failure = (status) => Object.assign(new Error(`status ${status}`), { status });

/** A server stand-in that answers each attempt from a script and records what it was sent. */
function server(...answers) {
  const seen = [];
  const send = async (channelId, body) => {
    seen.push({ channelId, ...body });
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    return { id: 'p1', channelId, seq: 1, message: body.message };
  };
  return { send, seen };
}

let keys = 0;
const options = (sleeps = []) => ({ delays: [10, 20], sleep: async (ms) => { sleeps.push(ms); }, newKey: () => `k${++keys}` });

test('what may succeed later is retryable; refusals are not', () => {
  for (const status of [0, 408, 429, 500, 503]) assert.ok(retryable(failure(status)), String(status));
  for (const status of [400, 403, 404, 409, 422]) assert.ok(!retryable(failure(status)), String(status));
});

test('a send that succeeds empties the draft and drops its key', async () => {
  const { send, seen } = server();
  const draft = { text: 'Bonjour', recipients: ['u-bruno'], clientKey: null };
  const post = await new Outbox(send, options()).send('c1', draft);
  assert.equal(post.message, 'Bonjour');
  assert.deepEqual(seen.map((s) => [s.channelId, s.message, s.recipients]), [['c1', 'Bonjour', ['u-bruno']]]);
  assert.deepEqual(draft, { text: '', recipients: [], clientKey: null });
});

test('no answer, 408 and 429 are retried with the same key until one succeeds', async () => {
  const sleeps = [];
  const { send, seen } = server(failure(0), failure(429));
  const draft = { text: 'Une fois', recipients: [], clientKey: null };
  await new Outbox(send, options(sleeps)).send('c1', draft);
  assert.equal(seen.length, 3);
  assert.equal(new Set(seen.map((s) => s.clientKey)).size, 1, 'one key for every attempt');
  assert.deepEqual(sleeps, [10, 20]);
  assert.equal(draft.text, '');
});

test('after the automatic retries the text and the key stay for the user\'s Retry, which reuses the key', async () => {
  const { send, seen } = server(failure(408), failure(408), failure(408));
  const outbox = new Outbox(send, options());
  const draft = { text: 'Ne pas perdre', recipients: ['u-bruno'], clientKey: null };
  await assert.rejects(outbox.send('c1', draft), (e) => e.status === 408);
  assert.equal(draft.text, 'Ne pas perdre');
  assert.deepEqual(draft.recipients, ['u-bruno']);
  const key = draft.clientKey;
  assert.ok(key);
  await outbox.send('c1', draft);
  assert.equal(seen.length, 4);
  assert.ok(seen.every((s) => s.clientKey === key));
});

test('a refusal keeps the text but drops the key: the corrected text is a new message', async () => {
  const { send, seen } = server(failure(422));
  const outbox = new Outbox(send, options());
  const draft = { text: 'trop long', recipients: [], clientKey: null };
  await assert.rejects(outbox.send('c1', draft), (e) => e.status === 422);
  assert.equal(seen.length, 1, 'a refusal is not retried');
  assert.equal(draft.text, 'trop long');
  assert.equal(draft.clientKey, null);
  draft.text = 'court';
  await outbox.send('c1', draft);
  assert.notEqual(seen[1].clientKey, seen[0].clientKey);
});

test('text typed while the send was on its way stays in the draft', async () => {
  let release;
  const outbox = new Outbox((channelId, body) => new Promise((resolve) => { release = () => resolve({ ...body, seq: 1 }); }), options());
  const draft = { text: 'premier', recipients: [], clientKey: null };
  const sending = outbox.send('c1', draft);
  draft.text = 'second, pas encore envoyé';
  assert.equal(await outbox.send('c1', draft), null, 'one attempt at a time');
  release();
  await sending;
  assert.equal(draft.text, 'second, pas encore envoyé');
  assert.equal(draft.clientKey, null);
});

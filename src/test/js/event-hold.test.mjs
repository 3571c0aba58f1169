// Unit tests of the event hold (src/main/webapp/app/event-hold.js): events wait while a page reads its lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventHold } from '../../main/webapp/app/event-hold.js';

function page() {
  const hold = new EventHold();
  const applied = [];
  const onEvent = (event) => {
    if (hold.keep(event, onEvent)) return;
    applied.push(event);
  };
  return { hold, applied, onEvent };
}

test('with no read in flight, an event is applied at once', () => {
  const { applied, onEvent } = page();
  onEvent('a');
  assert.deepEqual(applied, ['a']);
});

test('events that arrive during a read are applied after it, in their order', async () => {
  const { hold, applied, onEvent } = page();
  let answer;
  const reading = hold.during(() => new Promise((resolve) => { answer = resolve; }));
  onEvent('a');
  onEvent('b');
  assert.deepEqual(applied, [], 'nothing applied while the list is being read');
  answer('the list');
  assert.equal(await reading, 'the list');
  assert.deepEqual(applied, ['a', 'b']);
  onEvent('c');
  assert.deepEqual(applied, ['a', 'b', 'c']);
});

test('overlapping reads: events wait for the last of them, and a failed read releases them too', async () => {
  const { hold, applied, onEvent } = page();
  let first;
  const one = hold.during(() => new Promise((resolve) => { first = resolve; }));
  const two = hold.during(() => Promise.reject(new Error('offline')));
  onEvent('a');
  await assert.rejects(two);
  assert.deepEqual(applied, [], 'the first read is still in flight');
  first();
  await one;
  assert.deepEqual(applied, ['a']);
});

test('an event whose handling starts a read leaves the later ones waiting for it', async () => {
  const hold = new EventHold();
  const applied = [];
  let reread;
  const onEvent = (event) => {
    if (hold.keep(event, onEvent)) return;
    applied.push(event);
    if (event === 'removed') hold.during(() => new Promise((resolve) => { reread = resolve; }));
  };
  let answer;
  const reading = hold.during(() => new Promise((resolve) => { answer = resolve; }));
  onEvent('removed');
  onEvent('later');
  answer();
  await reading;
  assert.deepEqual(applied, ['removed']);
  reread();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(applied, ['removed', 'later']);
});

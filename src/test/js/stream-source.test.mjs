// Unit tests of the stream's reopening (src/main/webapp/app/stream-source.js). EventSource does not
// exist in Node: a stand-in plays what browsers do (CONNECTING/OPEN/CLOSED and their callbacks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStream, reopenDelay, REOPEN_DELAYS_MS } from '../../main/webapp/app/stream-source.js';

class FakeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static made = [];
  constructor(url) {
    this.url = url;
    this.readyState = FakeEventSource.CONNECTING;
    FakeEventSource.made.push(this);
  }
  open() { this.readyState = FakeEventSource.OPEN; this.onopen(); }
  message(id, event) { this.onmessage({ lastEventId: id, data: JSON.stringify(event) }); }
  /** A network failure: the browser retries by itself. */
  drop() { this.readyState = FakeEventSource.CONNECTING; this.onerror(); }
  /** A 401 (or any answer that is not a stream): the browser gives up. */
  refuse() { this.readyState = FakeEventSource.CLOSED; this.onerror(); }
  close() { this.readyState = FakeEventSource.CLOSED; this.closed = true; }
}

function fakeTimers() {
  const pending = [];
  return {
    pending,
    setTimeout: (fn, ms) => { pending.push({ fn, ms }); return pending.length; },
    clearTimeout: () => { pending.length = 0; },
    runNext() { pending.shift().fn(); },
  };
}

test('a stream closed by a 401 reopens after a growing wait, resuming after the last event seen', () => {
  FakeEventSource.made = [];
  const timers = fakeTimers();
  const states = [];
  const events = [];
  // random() = 0.5: the waits exactly as listed (the spread is checked below).
  openStream('http://erp.example/clavardage/api/v1/stream', { onEvent: (e) => events.push(e.type), onState: (s) => states.push(s) },
    { EventSourceImpl: FakeEventSource, timers, random: () => 0.5 });
  const first = FakeEventSource.made[0];
  assert.equal(first.url, 'http://erp.example/clavardage/api/v1/stream');
  first.open();
  first.message('e-41', { type: 'post.created' });
  first.refuse();
  assert.deepEqual(states, ['live', 'offline']);
  assert.deepEqual(events, ['post.created']);
  assert.equal(timers.pending[0].ms, REOPEN_DELAYS_MS[0]);

  timers.runNext();
  const second = FakeEventSource.made[1];
  assert.equal(second.url, 'http://erp.example/clavardage/api/v1/stream?lastEventId=e-41');
  second.refuse();
  assert.equal(timers.pending[0].ms, REOPEN_DELAYS_MS[1], 'waits longer while refused');
  timers.runNext();
  FakeEventSource.made[2].open();
  assert.deepEqual(states, ['live', 'offline', 'offline', 'live']);
});

test('a network failure is left to the browser, and the page hears it is reconnecting', () => {
  FakeEventSource.made = [];
  const timers = fakeTimers();
  const states = [];
  openStream('http://erp.example/s', { onEvent: () => {}, onState: (s) => states.push(s) }, { EventSourceImpl: FakeEventSource, timers });
  FakeEventSource.made[0].open();
  FakeEventSource.made[0].drop();
  assert.deepEqual(states, ['live', 'reconnecting']);
  assert.equal(timers.pending.length, 0);
  assert.equal(FakeEventSource.made.length, 1);
});

test('closing stops reopening', () => {
  FakeEventSource.made = [];
  const timers = fakeTimers();
  const stream = openStream('http://erp.example/s', { onEvent: () => {}, onState: () => {} }, { EventSourceImpl: FakeEventSource, timers });
  FakeEventSource.made[0].refuse();
  stream.close();
  assert.equal(timers.pending.length, 0);
});

test('each wait is spread at random between half and one and a half times its length', () => {
  assert.equal(reopenDelay(0, () => 0), REOPEN_DELAYS_MS[0] / 2);
  assert.equal(reopenDelay(0, () => 0.5), REOPEN_DELAYS_MS[0]);
  assert.equal(reopenDelay(1, () => 0.999), Math.round(REOPEN_DELAYS_MS[1] * 1.499));
  assert.equal(reopenDelay(99, () => 0.5), REOPEN_DELAYS_MS[REOPEN_DELAYS_MS.length - 1], 'the longest wait stays the last');

  FakeEventSource.made = [];
  const timers = fakeTimers();
  openStream('http://erp.example/s', { onEvent: () => {}, onState: () => {} },
    { EventSourceImpl: FakeEventSource, timers, random: () => 0 });
  FakeEventSource.made[0].refuse();
  assert.equal(timers.pending[0].ms, REOPEN_DELAYS_MS[0] / 2, 'the stream uses the spread wait');
});

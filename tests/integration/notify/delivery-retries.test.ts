// Delivery on a real receiver with the engine's clock faked: retries with backoff on 500 and on
// a closed port, a 429's Retry-After honoured, a hanging receiver cut by the deadline, no retry
// where another try cannot help (a redirect, a refused token), the order of one channel's
// messages kept, and the outbox surviving a restart of the engine.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { closedPort, startReceiver, type Receiver } from '../../support/http-receiver';
import { notification } from '../../support/notifications';
import { waitFor } from '../../support/wait-for';
import { openHarness, type Harness } from './channel-harness';

let receiver: Receiver;
let clock: FakeClock;
let h: Harness;

beforeEach(async () => {
  receiver = await startReceiver();
  clock = new FakeClock(Date.UTC(2026, 11, 6, 12, 0));
  h = openHarness({ clock, delivery: { timeoutMs: 400, backoffBaseMs: 5_000, maxAttempts: 4 } });
});
afterEach(async () => {
  h.close();
  await receiver.close();
  fs.rmSync(h.dir, { recursive: true, force: true });
});

async function hook(path: string, name = path): Promise<string> {
  const saved = await h.channels.methods.saveChannel({ type: 'webhook', name, language: 'ko', settings: {}, secrets: { url: `${receiver.url}${path}` } });
  return saved.id;
}

describe('delivery retries', () => {
  it('retries a 500 after the backoff and logs each attempt', async () => {
    receiver.answer('/flaky', [{ status: 500, body: 'boom' }, { status: 503 }, { status: 200 }]);
    const id = await hook('/flaky');
    h.channels.notifier.notify(notification(), [id]);
    const first = await h.until(id, (r) => r.attempt === 1);
    // random() is pinned to 0.5: the backoff is exactly 5 s, then 15 s.
    expect(first).toMatchObject({ outcome: 'retrying', code: 'HTTP_STATUS', status: 500, nextAttemptAt: clock.now() + 5_000 });
    expect(first.detail).toBe(`${new URL(receiver.url).host} · HTTP 500 · boom`);
    clock.advance(4_999);
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.on('/flaky')).toHaveLength(1);
    clock.advance(1);
    const second = await h.until(id, (r) => r.attempt === 2);
    expect(second).toMatchObject({ outcome: 'retrying', status: 503, nextAttemptAt: clock.now() + 15_000 });
    clock.advance(15_000);
    await h.until(id, (r) => r.attempt === 3 && r.outcome === 'delivered');
    expect(receiver.on('/flaky')).toHaveLength(3);
    expect(h.store.channels.outboxSize()).toBe(0);
  });

  it('waits as long as a 429 asks (Retry-After), even past the backoff', async () => {
    receiver.answer('/busy', [{ status: 429, headers: { 'Retry-After': '120' } }, { status: 200 }]);
    const id = await hook('/busy');
    h.channels.notifier.notify(notification(), [id]);
    const first = await h.until(id, (r) => r.attempt === 1);
    expect(first).toMatchObject({ outcome: 'retrying', code: 'RATE_LIMITED', status: 429, nextAttemptAt: clock.now() + 120_000 });
    clock.advance(60_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.on('/busy')).toHaveLength(1);
    clock.advance(60_000);
    await h.until(id, (r) => r.outcome === 'delivered');
  });

  it('honours Telegram’s retry_after in the answer body', async () => {
    const token = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
    receiver.answer(`/tg/bot${token}/sendMessage`, [{ status: 429, body: '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 33","parameters":{"retry_after":33}}' }, { status: 200, body: '{"ok":true}' }]);
    const saved = await h.channels.methods.saveChannel({ type: 'telegram', name: 'tg', language: 'ko', settings: { chatId: '42', apiBase: `${receiver.url}/tg` }, secrets: { botToken: token } });
    h.channels.notifier.notify(notification(), [saved.id]);
    const first = await h.until(saved.id, (r) => r.attempt === 1);
    expect(first).toMatchObject({ outcome: 'retrying', code: 'RATE_LIMITED', nextAttemptAt: clock.now() + 33_000 });
    expect(first.detail).not.toContain(token);
    clock.advance(33_000);
    await h.until(saved.id, (r) => r.outcome === 'delivered');
  });

  it('retries a closed port, then gives up after the last attempt', async () => {
    const port = await closedPort();
    const saved = await h.channels.methods.saveChannel({ type: 'webhook', name: 'down', language: 'ko', settings: {}, secrets: { url: `http://127.0.0.1:${port}/hook` } });
    h.channels.notifier.notify(notification(), [saved.id]);
    for (const [attempt, wait] of [[1, 5_000], [2, 15_000], [3, 45_000]] as const) {
      const r = await h.until(saved.id, (x) => x.attempt === attempt);
      expect(r).toMatchObject({ outcome: 'retrying', code: 'UNREACHABLE', status: null });
      expect(r.detail).toBe(`ECONNREFUSED · 127.0.0.1:${port}`);
      clock.advance(wait);
    }
    expect(await h.until(saved.id, (x) => x.attempt === 4)).toMatchObject({ outcome: 'failed', code: 'UNREACHABLE' });
    expect(h.store.channels.outboxSize()).toBe(0);
  });

  it('cuts a receiver that never answers at the deadline, and tries again', async () => {
    receiver.answer('/hang', ['hang', { status: 200 }]);
    const id = await hook('/hang');
    h.channels.notifier.notify(notification(), [id]);
    const first = await h.until(id, (r) => r.attempt === 1);
    expect(first).toMatchObject({ outcome: 'retrying', code: 'TIMEOUT' });
    clock.advance(5_000);
    await h.until(id, (r) => r.attempt === 2 && r.outcome === 'delivered');
  });

  it('never follows a redirect and never retries a refused token', async () => {
    receiver.answer('/moved', { status: 302, headers: { Location: `${receiver.url}/elsewhere` } });
    receiver.answer('/denied', { status: 401, body: 'invalid_token' });
    const moved = await hook('/moved');
    const denied = await hook('/denied');
    h.channels.notifier.notify(notification(), [moved, denied]);
    expect(await h.until(moved, () => true)).toMatchObject({ outcome: 'failed', code: 'REDIRECT_REFUSED', status: 302, attempt: 1 });
    expect(await h.until(denied, () => true)).toMatchObject({ outcome: 'failed', code: 'AUTH_FAILED', status: 401, attempt: 1 });
    clock.advance(3_600_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.on('/elsewhere')).toHaveLength(0);
    expect(receiver.on('/denied')).toHaveLength(1);
  });

  it('keeps one channel’s messages in order: a resolution never overtakes its retried alert', async () => {
    receiver.answer('/ordered', [{ status: 500 }, { status: 200 }]);
    const id = await hook('/ordered');
    h.channels.notifier.notify(notification({ id: 'n-firing', event: 'firing' }), [id]);
    await h.until(id, (r) => r.attempt === 1);
    h.channels.notifier.notify(notification({ id: 'n-resolved', event: 'resolved' }), [id]);
    await new Promise((r) => setTimeout(r, 150));
    expect(receiver.on('/ordered')).toHaveLength(1);
    clock.advance(5_000);
    await h.until(id, (r) => r.notificationId === 'n-resolved' && r.outcome === 'delivered');
    expect(receiver.on('/ordered').map((r) => (r.json as { notification: { id: string } }).notification.id)).toEqual(['n-firing', 'n-firing', 'n-resolved']);
  });

  it('delivers after a restart what was queued before it, once', async () => {
    receiver.answer('/later', [{ status: 503 }, { status: 200 }]);
    const id = await hook('/later');
    h.channels.notifier.notify(notification({ id: 'n-survives' }), [id]);
    await h.until(id, (r) => r.attempt === 1);
    expect(h.store.channels.outboxSize()).toBe(1);
    h = h.reopen();
    clock.advance(5_000);
    await h.until(id, (r) => r.outcome === 'delivered');
    expect(h.log(id).map((r) => [r.attempt, r.outcome])).toEqual([
      [1, 'retrying'],
      [2, 'delivered'],
    ]);
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.on('/later')).toHaveLength(2);
  });

  it('sends a notification without a channel list to every enabled channel only', async () => {
    const on = await hook('/on');
    const off = await h.channels.methods.saveChannel({ type: 'webhook', name: 'off', enabled: false, language: 'ko', settings: {}, secrets: { url: `${receiver.url}/off` } });
    h.channels.notifier.notify(notification(), null);
    await h.until(on, (r) => r.outcome === 'delivered');
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.on('/off')).toHaveLength(0);
    expect(h.log(off.id)).toEqual([]);
  });

  it('queues what the alert engine sends before the channels are open, and never throws', async () => {
    const id = await hook('/early');
    h.channels.detach();
    expect(() => h.channels.notifier.notify(notification({ id: 'n-early' }), [id])).not.toThrow();
    h.channels.attach(h.store.channels, h.secrets);
    await waitFor('the early notification', async () => receiver.on('/early').length === 1);
  });
});

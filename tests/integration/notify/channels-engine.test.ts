// Channels through the engine's contract (validated like any renderer or socket call): send
// test, the delivery log a page at a time, secrets only in the secret store (never in the
// SQLite file, its WAL, the log or a reply), secrets dropped when the destination changes, and
// the rules-file import and export.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, METHOD_ACCESS, METHOD_CHANNELS, type MethodName } from '../../../src/shared/api';
import type { DesktopNotificationEvent } from '../../../src/shared/channels';
import { dispatch } from '../../../src/shared/rpc';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { channelIdsByName, exportChannels, importChannels, KEEP_SECRET } from '../../../src/main/engine/notify/channel-import';
import { channelSecretAccount } from '../../../src/main/engine/notify/channels-module';
import { memorySecretStore, type SecretStore } from '../../../src/main/engine/secrets';
import { startReceiver, type Receiver } from '../../support/http-receiver';

const TOKEN = 'T0KEN-9f2c1d-never-in-sqlite';

let dir: string;
let engine: Engine;
let secrets: SecretStore;
let logger: MemoryLogger;
let receiver: Receiver;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-channels-engine-'));
  secrets = memorySecretStore('tests use memory');
  logger = new MemoryLogger();
  receiver = await startReceiver();
  engine = createEngine({ dataDir: dir, host: 'serve', logger, secrets, knownHostsFile: null, intervalMs: 60_000 });
  await engine.start();
});
afterEach(async () => {
  await engine.stop();
  await receiver.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call(method: MethodName, arg?: unknown): Promise<any> {
  const result = await dispatch(engine.api, METHOD_CHANNELS[method], arg);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.value;
}

function databaseBytes(): string {
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('opsdeck.db'))
    .map((f) => fs.readFileSync(path.join(dir, f)).toString('latin1'))
    .join('');
}

describe('channels through the contract', () => {
  it('marks every channels method read or write: a viewer may list, never save, delete or send', () => {
    expect(METHOD_ACCESS.listChannelTypes).toBe('read');
    expect(METHOD_ACCESS.listChannels).toBe('read');
    expect(METHOD_ACCESS.listDeliveries).toBe('read');
    expect(METHOD_ACCESS.saveChannel).toBe('write');
    expect(METHOD_ACCESS.deleteChannel).toBe('write');
    expect(METHOD_ACCESS.testChannel).toBe('write');
    expect(EVENT_CHANNELS.onDidRequestDesktopNotification).toBe('opsdeck:did-request-desktop-notification');
  });

  it('lists every type with its form, secrets marked', async () => {
    const types = await call('listChannelTypes');
    expect(types.map((t: { type: string }) => t.type)).toEqual(['desktop', 'webhook', 'slack', 'teams', 'discord', 'telegram', 'email', 'dooray', 'jandi', 'kakaowork']);
    const slack = types.find((t: { type: string }) => t.type === 'slack');
    expect(slack.fields).toEqual([expect.objectContaining({ key: 'url', input: 'secret', required: true })]);
    expect(types.filter((t: { region: string }) => t.region === 'korea').map((t: { type: string }) => t.type)).toEqual(['dooray', 'jandi', 'kakaowork']);
  });

  it('sends a test from the contract and logs it; keeps the token in the secret store only', async () => {
    const url = `${receiver.url}/services/T0/B0/${TOKEN}`;
    const saved = await call('saveChannel', { type: 'slack', name: '운영 Slack', language: 'ko', settings: {}, secrets: { url } });
    expect(saved).toMatchObject({ type: 'slack', hasSecret: { url: true }, destination: new URL(receiver.url).host, lastDelivery: null });
    expect(JSON.parse((await secrets.get(channelSecretAccount(saved.id)))!)).toEqual({ url });

    const result = await call('testChannel', { id: saved.id, type: 'slack', name: '운영 Slack', language: 'ko', settings: {} });
    expect(result).toMatchObject({ ok: true });
    const body = receiver.on(`/services/T0/B0/${TOKEN}`)[0]!.json as { text: string };
    expect(body.text).toContain("[테스트] OpsDeck 알림 채널 확인 — '운영 Slack' 채널로 보낸 테스트 알림입니다.");

    const page = await call('listDeliveries', { channelId: saved.id });
    expect(page).toMatchObject({ total: 1, nextBefore: null, records: [{ channelId: saved.id, event: 'test', outcome: 'delivered', attempt: 1, code: null }] });
    const [listed] = await call('listChannels');
    expect(listed.lastDelivery).toMatchObject({ outcome: 'delivered', event: 'test' });

    // A failing test says why, with the host only.
    receiver.answer(`/services/T0/B0/${TOKEN}`, { status: 404, body: `no_service ${TOKEN}` });
    const failed = await call('testChannel', { id: saved.id, type: 'slack', name: '운영 Slack', language: 'ko', settings: {} });
    expect(failed).toEqual({ ok: false, code: 'NOT_FOUND', status: 404, detail: `${new URL(receiver.url).host} · HTTP 404 · no_service …`, field: null });

    const replies = JSON.stringify([saved, listed, await call('listChannels'), await call('listDeliveries', {}), failed]);
    expect(replies).not.toContain(TOKEN);
    await engine.stop();
    const bytes = databaseBytes();
    expect(bytes).toContain('slack'); // the channel row is there, only its token is not
    expect(bytes).not.toContain(TOKEN);
    expect(JSON.stringify(logger.records)).not.toContain(TOKEN);
    await engine.start();
  });

  it('rejects a secret sent as a setting, and keeps a stored secret only while the destination stays', async () => {
    await expect(call('saveChannel', { type: 'slack', name: 'leaky', language: 'ko', settings: { url: 'https://hooks.slack.com/x' } })).rejects.toMatchObject({ code: 'CHANNEL_INVALID' });
    const saved = await call('saveChannel', { type: 'telegram', name: 'tg', language: 'ko', settings: { chatId: '42', apiBase: `${receiver.url}/a` }, secrets: { botToken: `123456:${'A'.repeat(30)}` } });
    // Renamed, same API address: the token stays.
    expect((await call('saveChannel', { id: saved.id, type: 'telegram', name: 'tg renamed', language: 'en', settings: { chatId: '43', apiBase: `${receiver.url}/a` } })).hasSecret).toEqual({ botToken: true });
    // Another API address: the stored token is not sent there; the save says to type it again.
    await expect(call('saveChannel', { id: saved.id, type: 'telegram', name: 'tg', language: 'ko', settings: { chatId: '42', apiBase: `${receiver.url}/b` } })).rejects.toMatchObject({
      code: 'CHANNEL_INVALID',
      message: expect.stringMatching(/"botToken".*dropped because where it is sent changed: type it again/),
    });
    const moved = await call('saveChannel', { id: saved.id, type: 'telegram', name: 'tg', language: 'ko', settings: { chatId: '42', apiBase: `${receiver.url}/b` }, secrets: { botToken: `654321:${'B'.repeat(30)}` } });
    expect(JSON.parse((await secrets.get(channelSecretAccount(moved.id)))!)).toEqual({ botToken: `654321:${'B'.repeat(30)}` });
    // A webhook whose URL changes forgets its signing secret unless it is typed again.
    const hook = await call('saveChannel', { type: 'webhook', name: 'h', language: 'ko', settings: {}, secrets: { url: `${receiver.url}/one`, signingSecret: 'sign-0123456789abcdef' } });
    const rehooked = await call('saveChannel', { id: hook.id, type: 'webhook', name: 'h', language: 'ko', settings: {}, secrets: { url: `${receiver.url}/two` } });
    expect(rehooked.hasSecret).toEqual({ url: true, signingSecret: false });
    await call('deleteChannel', { channelId: hook.id });
    expect(await secrets.get(channelSecretAccount(hook.id))).toBeNull();
  });

  it('refuses a token over plain http except to this computer, and duplicate names', async () => {
    await expect(call('saveChannel', { type: 'slack', name: 's', language: 'ko', settings: {}, secrets: { url: 'http://hooks.example.com/x' } })).rejects.toMatchObject({ code: 'CHANNEL_INVALID', message: expect.stringContaining('https://') });
    await call('saveChannel', { type: 'desktop', name: '바탕화면', language: 'ko', settings: {} });
    await expect(call('saveChannel', { type: 'desktop', name: '바탕화면', language: 'en', settings: {} })).rejects.toMatchObject({ code: 'CHANNEL_NAME_TAKEN' });
    await expect(call('saveChannel', { type: 'pager', name: 'p', language: 'ko', settings: {} })).rejects.toMatchObject({ code: 'CHANNEL_INVALID' });
    await expect(call('listDeliveries', { limit: 10_000 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('pages the delivery log newest first', async () => {
    const saved = await call('saveChannel', { type: 'webhook', name: 'paged', language: 'ko', settings: {}, secrets: { url: `${receiver.url}/paged` } });
    for (let i = 0; i < 5; i++) await call('testChannel', { id: saved.id, type: 'webhook', name: 'paged', language: 'ko', settings: {} });
    const first = await call('listDeliveries', { channelId: saved.id, limit: 2 });
    expect(first.total).toBe(5);
    expect(first.records).toHaveLength(2);
    const second = await call('listDeliveries', { channelId: saved.id, limit: 2, before: first.nextBefore });
    const third = await call('listDeliveries', { channelId: saved.id, limit: 2, before: second.nextBefore });
    expect(third.records).toHaveLength(1);
    expect(third.nextBefore).toBeNull();
    const ids = [...first.records, ...second.records, ...third.records].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(5);
  });

  it('shows a desktop notification to whoever listens, and says NO_CONSOLE when nobody does', async () => {
    const saved = await call('saveChannel', { type: 'desktop', name: 'desk', language: 'en', settings: {} });
    expect(await call('testChannel', { id: saved.id, type: 'desktop', name: 'desk', language: 'en', settings: {} })).toMatchObject({ ok: false, code: 'NO_CONSOLE' });
    const seen: DesktopNotificationEvent[] = [];
    const stop = engine.api.onDidRequestDesktopNotification((e) => seen.push(e));
    expect(await call('testChannel', { id: saved.id, type: 'desktop', name: 'desk', language: 'en', settings: {} })).toMatchObject({ ok: true });
    stop();
    expect(seen).toMatchObject([{ channelId: saved.id, title: '[Test] OpsDeck notification channel check', requireInteraction: false }]);
  });

  it('imports channels from a rules file by name, idempotently, and exports them without secrets', async () => {
    await call('listChannels'); // opens the features
    const file = [
      { name: 'local-hook', type: 'webhook', url: 'http://127.0.0.1:8099/hook' },
      { name: 'mail', type: 'email', host: '127.0.0.1', port: 2525, security: 'none', from: 'a@example.co.kr', to: ['b@example.co.kr', 'c@example.co.kr'], language: 'en' },
      { name: 'pager', type: 'pager' },
      { name: 'bad-slack', type: 'slack', url: 'not a url' },
    ];
    const first = await importChannels(file);
    expect(first).toEqual({
      added: ['local-hook', 'mail'],
      updated: [],
      rejected: [
        { name: 'pager', reason: 'Unknown channel type "pager".' },
        { name: 'bad-slack', reason: expect.stringContaining('"url"') },
      ],
    });
    const again = await importChannels(file);
    expect(again.added).toEqual([]);
    expect(again.updated).toEqual(['local-hook', 'mail']);
    expect(await call('listChannels')).toHaveLength(2);

    const exported = await exportChannels();
    expect(exported).toEqual([
      { name: 'local-hook', type: 'webhook', language: 'ko', enabled: true, url: KEEP_SECRET },
      { name: 'mail', type: 'email', language: 'en', enabled: true, host: '127.0.0.1', port: 2525, security: 'none', from: 'a@example.co.kr', to: 'b@example.co.kr, c@example.co.kr' },
    ]);
    expect(JSON.stringify(exported)).not.toContain('8099');
    // The export imported back keeps the stored URL.
    expect(await importChannels(exported)).toEqual({ added: [], updated: ['local-hook', 'mail'], rejected: [] });
    const [hook] = await call('listChannels');
    expect(JSON.parse((await secrets.get(channelSecretAccount(hook.id)))!)).toEqual({ url: 'http://127.0.0.1:8099/hook' });
    // A rule's channel list names channels; the notifier takes their ids.
    expect(channelIdsByName(['LOCAL-HOOK', 'nowhere'])).toEqual({ ids: [hook.id], unknown: ['nowhere'] });
  });
});

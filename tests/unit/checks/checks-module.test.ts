// The checks module with a kind made for the test: settings validated by the kind's schema,
// one monitor per enabled check, and a password that goes only where it was stored for.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Duplex } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createChecksModule, checkSecretAccount, type ChecksModule } from '../../../src/main/engine/checks/checks-module';
import { defineKind, type KindContext, type KindModule } from '../../../src/main/engine/collectors/check-kind';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { memorySecretStore, type SecretStore } from '../../../src/main/engine/secrets';
import { openStore, type Store } from '../../../src/main/engine/store';
import type { CheckInput } from '../../../src/shared/checks';
import type { Target } from '../../../src/shared/model';

const PASSWORD = 'db-pw-5e1c-kept-for-one-place';

const seen: Array<{ config: Record<string, unknown>; password: string | null }> = [];

const echoKind = defineKind({
  kind: 'echo',
  descriptor: {
    kind: 'echo',
    category: 'database',
    name: { ko: '에코', en: 'Echo' },
    glossaryId: 'database',
    series: [{ key: 'echo.value', unit: 'count', glossaryId: 'database', label: { ko: '값', en: 'Value' } }],
    charts: [],
    tables: [],
    facts: [],
    tile: ['echo.value'],
    form: [],
    defaultIntervalMs: 10_000,
  },
  configSchema: z.strictObject({ address: z.string().min(1), port: z.number().int().min(1).max(65535), via: z.string().nullable().default(null), label: z.string().default('') }),
  parentOf: (c) => c.via,
  secret: 'password',
  destinationFields: ['address', 'port', 'via'],
  defaultRules: [{ key: 'echo.value', warn: 5, crit: 10 }],
  createCollector: (config, ctx: KindContext) => ({
    async collect() {
      seen.push({ config, password: await ctx.secret() });
      return { ts: 0, metrics: { 'echo.value': config.port }, facts: {} };
    },
  }),
  async testConnection(config, ctx) {
    const password = await ctx.secret();
    seen.push({ config, password });
    return password ? { ok: true, elapsedMs: 0, facts: {}, notes: [] } : { ok: false, code: 'AUTH_FAILED', message: 'no password' };
  },
});

const registry: Record<string, KindModule> = { echo: echoKind as unknown as KindModule };

let dir: string;
let store: Store;
let secrets: SecretStore;
let checks: ChecksModule;
let watched: Map<string, { target: Target; collect: () => Promise<unknown> }>;
let tunnels: Array<[string, string, number]>;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-checks-'));
  const clock = new FakeClock(1_700_000_000_000);
  store = openStore({ dataDir: dir, clock, logger: new MemoryLogger() });
  secrets = memorySecretStore('tests use memory');
  watched = new Map();
  tunnels = [];
  seen.length = 0;
  checks = createChecksModule({
    clock,
    logger: new MemoryLogger(),
    registry,
    watch: (target, collector) => watched.set(target.id, { target, collect: () => collector.collect() }),
    unwatch: async (id) => (watched.delete(id), null),
    emit: () => undefined,
    openTunnel: async (hostId, host, port) => (tunnels.push([hostId, host, port]), new Duplex({ read() {}, write(_c, _e, cb) { cb(); } })),
    hostExists: (id) => id === 'h-db',
  });
  checks.attach(store.checks, secrets, () => null);
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const input = (over: Partial<CheckInput> = {}): CheckInput => ({ kind: 'echo', name: '주문 DB', config: { address: '127.0.0.1', port: 5432, via: 'h-db' }, secret: PASSWORD, ...over });

describe('checks', () => {
  it('saves a check with its kind defaults, watches it, and never returns or stores the password', async () => {
    const saved = await checks.methods.saveCheck(input());
    expect(saved).toMatchObject({ kind: 'echo', name: '주문 DB', enabled: true, intervalMs: 10_000, parentId: 'h-db', hasSecret: true, config: { address: '127.0.0.1', port: 5432, via: 'h-db', label: '' } });
    expect(JSON.stringify(await checks.methods.listChecks())).not.toContain(PASSWORD);
    expect(await secrets.get(checkSecretAccount(saved.id))).toBe(PASSWORD);
    expect(watched.get(saved.id)?.target).toMatchObject({ kind: 'echo', parentId: 'h-db' });
    await watched.get(saved.id)!.collect();
    expect(seen.at(-1)).toMatchObject({ password: PASSWORD });
    store.close();
    const bytes = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f)).toString('latin1')).join('');
    expect(bytes).toContain('127.0.0.1');
    expect(bytes).not.toContain(PASSWORD);
    store = openStore({ dataDir: dir, clock: new FakeClock(), logger: new MemoryLogger() });
  });

  it('keeps the stored password when only the name or a harmless setting changes', async () => {
    const saved = await checks.methods.saveCheck(input());
    const renamed = await checks.methods.saveCheck({ ...input({ id: saved.id, name: '주문 DB (주)', config: { address: '127.0.0.1', port: 5432, via: 'h-db', label: 'x' } }), secret: undefined });
    expect(renamed.hasSecret).toBe(true);
    expect(await secrets.get(checkSecretAccount(saved.id))).toBe(PASSWORD);
  });

  it.each([
    ['address', { address: '203.0.113.9', port: 5432, via: 'h-db' }],
    ['port', { address: '127.0.0.1', port: 6543, via: 'h-db' }],
    ['the host it goes through', { address: '127.0.0.1', port: 5432, via: null }],
  ])('drops the stored password when the %s changes, so it is never sent to a new place', async (_what, config) => {
    const saved = await checks.methods.saveCheck(input());
    const moved = await checks.methods.saveCheck({ ...input({ id: saved.id, config }), secret: undefined });
    expect(moved.hasSecret).toBe(false);
    expect(await secrets.get(checkSecretAccount(saved.id))).toBeNull();
    await watched.get(saved.id)!.collect();
    expect(seen.at(-1)).toEqual({ config: expect.objectContaining(config), password: null });
  });

  it('tests a re-pointed check without the stored password', async () => {
    const saved = await checks.methods.saveCheck(input());
    const result = await checks.methods.testCheck({ ...input({ id: saved.id, config: { address: '203.0.113.9', port: 5432, via: 'h-db' } }), secret: undefined });
    expect(result).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
    expect(seen.at(-1)?.password).toBeNull();
    const same = await checks.methods.testCheck({ ...input({ id: saved.id }), secret: undefined });
    expect(same.ok).toBe(true);
  });

  it('names the setting that is wrong, and refuses unknown kinds and missing hosts', async () => {
    await expect(checks.methods.saveCheck(input({ config: { address: '', port: 5432 } }))).rejects.toMatchObject({ code: 'CHECK_INVALID', data: { field: 'address' } });
    await expect(checks.methods.saveCheck(input({ kind: 'nosuch' }))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', data: { field: 'kind' } });
    await expect(checks.methods.saveCheck(input({ config: { address: 'db', port: 5432, via: 'h-gone' } }))).rejects.toMatchObject({ code: 'CHECK_INVALID', data: { field: 'via' } });
    expect(await checks.methods.testCheck(input({ config: { address: 'db', port: 70000 } }))).toMatchObject({ ok: false, code: 'CHECK_INVALID', data: { field: 'port' } });
    expect(await checks.methods.listChecks()).toEqual([]);
  });

  it('a check whose stored settings no longer validate is watched and says why on every poll', async () => {
    const saved = await checks.methods.saveCheck(input());
    store.checks.putCheck({ ...store.checks.getCheck(saved.id)!, config: { address: 42 } });
    await checks.methods.setCheckEnabled({ checkId: saved.id, enabled: true });
    await expect(watched.get(saved.id)!.collect()).rejects.toMatchObject({ code: 'CHECK_INVALID' });
  });

  it('disabling stops the monitor and deleting forgets the password', async () => {
    const saved = await checks.methods.saveCheck(input());
    await checks.methods.setCheckEnabled({ checkId: saved.id, enabled: false });
    expect(watched.has(saved.id)).toBe(false);
    await checks.methods.deleteCheck({ checkId: saved.id });
    expect(await secrets.get(checkSecretAccount(saved.id))).toBeNull();
    await expect(checks.methods.deleteCheck({ checkId: saved.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists every kind descriptor', async () => {
    expect((await checks.methods.listKinds()).map((k) => k.kind)).toEqual(['echo']);
  });
});

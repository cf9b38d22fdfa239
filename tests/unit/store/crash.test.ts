import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { DB_FILE_NAME, openStore } from '../../../src/main/engine/store';
import { minuteRollups } from '../../../src/main/engine/store/chunk-codec';
import { storedReadings } from './stored-readings';

const STORE_ENTRY = new URL('../../../src/main/engine/store/index.ts', import.meta.url).href;
const KILL_ROUNDS_MS = [150, 250, 350];

// The child runs the real store from source under plain Node: type transformation handles
// TypeScript, and this hook resolves our extensionless relative imports to .ts files.
const RESOLVE_HOOK = `
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !/^\\.\\.?\\//.test(specifier)) throw err;
    return next(specifier + '.ts', context);
  }
}
`;

// Ingests 24 series per poll forever, one poll a simulated second, flushing often as the engine's
// job does, and reports once several chunks are committed.
const CHILD = `
import { register } from 'node:module';
register(new URL('./resolve-hook.mjs', import.meta.url));
const { openStore } = await import(${JSON.stringify(STORE_ENTRY)});
let now = Date.UTC(2026, 0, 1);
const clock = { now: () => now, setTimeout: () => ({ id: 0 }), clearTimeout() {} };
const store = openStore({ dataDir: process.argv[2], clock, logger: { log() {} }, flushRows: 500 });
store.upsertTarget({ id: 'local', name: 'local', kind: 'local', intervalMs: 1000, enabled: true });
const keys = ['cpu.usage', 'mem.used', 'load.1', 'disk.used', 'net.rxBps', 'net.txBps'];
for (let poll = 0; ; poll++) {
  now += 1000;
  for (let host = 0; host < 4; host++) {
    store.ingest('host-' + host, now, keys.map((k, i) => [k, (poll + i) % 7 === 0 ? null : poll * i]));
  }
  if (poll % 25 === 0) store.setSetting('lastPoll', poll);
  if (poll % 10 === 0) store.flush();
  if (poll === 400) process.stdout.write('ready\\n');
}
`;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-store-crash-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the ingesting child, waits until it has committed data, lets it run on, then SIGKILLs it. */
function ingestThenKill(dataDir: string, runOnMs: number): Promise<void> {
  const giveUpMs = 20_000;
  writeFileSync(join(dir, 'resolve-hook.mjs'), RESOLVE_HOOK);
  writeFileSync(join(dir, 'ingest-forever.mjs'), CHILD);
  const child = spawn(process.execPath, ['--experimental-transform-types', '--no-warnings', join(dir, 'ingest-forever.mjs'), dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    // The child loops forever: never leave it running, even when it never reports ready.
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the ingesting child never reported ready: ${stderr}`));
    }, giveUpMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), runOnMs);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL') done();
      else fail(new Error(`the ingesting child exited by itself (code ${code}): ${stderr}`));
    });
  });
}

describe('a process killed in the middle of ingesting', () => {
  it('leaves a database that passes integrity_check, reopens, and has rollups that match its samples', async () => {
    const dataDir = join(dir, 'data');
    // Several kills at different moments, each round reopening what the previous one left.
    for (const runOnMs of KILL_ROUNDS_MS) await ingestThenKill(dataDir, runOnMs);
    // The WAL is still there: the file was left mid-use, so reopening has to recover it.
    expect(existsSync(join(dataDir, `${DB_FILE_NAME}-wal`))).toBe(true);

    // Opening recovers the WAL and recomputes the rollups of the minutes that were in progress.
    const store = openStore({ dataDir, clock: new FakeClock(Date.UTC(2026, 0, 1, 1)), logger: new MemoryLogger() });
    const db = new Database(join(dataDir, DB_FILE_NAME));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const readings = storedReadings(db);
      // Chunks of 0-120 s and 120-240 s (2 x 120 polls x 24 series) were committed before 'ready'.
      expect(readings.length).toBeGreaterThanOrEqual(2 * 120 * 24);
      // A chunk and its minute rollups are written in one transaction, so whatever a kill left,
      // every stored minute has its rollup and every rollup matches its stored readings.
      const expected = new Map<string, number>();
      const bySeries = new Map<number, typeof readings>();
      for (const r of readings) bySeries.set(r.seriesId, [...(bySeries.get(r.seriesId) ?? []), r]);
      for (const [id, list] of bySeries) {
        for (const m of minuteRollups({ ts: list.map((r) => r.ts), values: list.map((r) => r.value) })) expected.set(`${id}@${m.minute}`, m.count);
      }
      const rollups = db.prepare<[], { series_id: number; minute_ts: number; count: number }>('SELECT series_id, minute_ts, count FROM rollups_1m').all();
      expect(new Map(rollups.map((r) => [`${r.series_id}@${r.minute_ts}`, r.count]))).toEqual(expected);
    } finally {
      db.close();
    }

    try {
      expect(store.listTargets().map((t) => t.id)).toEqual(['local']);
      expect(store.getSetting('lastPoll')).toEqual(expect.any(Number));
      const day = store.querySeries({ targetId: 'host-0', keys: ['cpu.usage'], range: '24h' });
      expect(day.series[0]?.points.length).toBeGreaterThan(3);
    } finally {
      store.close();
    }
  }, 60_000);
});

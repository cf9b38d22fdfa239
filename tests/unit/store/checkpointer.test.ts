// The WAL is checkpointed by a worker's own connection, so the engine's writes never carry a
// checkpoint; the WAL must still stay bounded, and without the worker the writer checkpoints.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer, type Checkpointer } from '../../../src/main/engine/store/checkpointer';

let dir: string;
let db: Database.Database;
let checkpointer: Checkpointer | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-checkpointer-'));
  db = new Database(join(dir, 'x.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
});
afterEach(() => {
  checkpointer?.close();
  checkpointer = null;
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const walBytes = () => statSync(join(dir, 'x.db-wal')).size;
const fileBytes = () => statSync(join(dir, 'x.db')).size;
const MB = 2 ** 20;
/** 20 transactions of 0.5 MB: 10 MB through the WAL. */
function write(): void {
  const insert = db.prepare('INSERT INTO t (data) VALUES (?)');
  for (let i = 0; i < 20; i++) {
    db.transaction(() => {
      for (let r = 0; r < 8; r++) insert.run(Buffer.alloc(64 * 1024, i));
    })();
  }
}

describe('the checkpoint worker', () => {
  it('turns the writer’s own checkpoints off, copies the WAL into the file from its thread, and the WAL is reused', async () => {
    const ticks: Array<{ at: number; log: number; checkpointed: number }> = [];
    checkpointer = startCheckpointer(db, new MemoryLogger(), { everyMs: 20, onCheckpoint: (r) => ticks.push(r) });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    /** Waits for a whole checkpoint that began after the writes. */
    const checkpointed = (after: number) => expect.poll(() => ticks.some((t) => t.at > after && t.log > 0 && t.checkpointed === t.log), { timeout: 30_000 }).toBe(true);
    write();
    await checkpointed(Date.now());
    // Only the worker checkpoints, so only it can have put the 10 MB into the database file.
    expect(fileBytes()).toBeGreaterThan(10 * MB);
    const walAfterFirst = walBytes();
    write();
    await checkpointed(Date.now());
    expect(fileBytes()).toBeGreaterThan(20 * MB);
    // The second 10 MB went to the start of the checkpointed WAL, not after the first.
    expect(walBytes()).toBeLessThan(walAfterFirst + 2 * MB);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(320);
  });

  it('without it (writer checkpoints off, nobody else), the same writes only grow the WAL', () => {
    db.pragma('wal_autocheckpoint = 0');
    write();
    write();
    expect(walBytes()).toBeGreaterThan(20 * MB);
    expect(fileBytes()).toBeLessThan(1 * MB);
  });

  it('hands checkpoints back to the writer when the worker cannot open the file', async () => {
    // The file is gone under an open connection: the worker (fileMustExist) cannot open it.
    const gone = new Database(join(dir, 'gone.db'));
    rmSync(join(dir, 'gone.db'));
    const logger = new MemoryLogger();
    try {
      checkpointer = startCheckpointer(gone, logger, { everyMs: 10 });
      await expect.poll(() => logger.records.find((r) => r.event === 'store-checkpointer-unavailable'), { timeout: 30_000 }).toBeTruthy();
      expect(gone.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
    } finally {
      checkpointer?.close();
      checkpointer = null;
      gone.close();
    }
  });
});

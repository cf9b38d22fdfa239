import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { durableWrite } from '../../../src/main/engine/store/durable-write';
import { GlossaryTable } from '../../../src/main/engine/store/glossary-table';
import { openDatabase } from '../../../src/main/engine/store/open-database';
import type Database from 'better-sqlite3';

let dir: string;
let db: Database.Database;
const FULL = 2;
const NORMAL = 1;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-glossary-table-'));
  db = openDatabase(dir, new MemoryLogger());
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('glossary rows', () => {
  it('are written with synchronous=FULL, which drops back to NORMAL for metric batches afterwards', () => {
    let during = -1;
    durableWrite(db, () => {
      during = db.pragma('synchronous', { simple: true }) as number;
    });
    expect(during).toBe(FULL);
    expect(db.pragma('synchronous', { simple: true })).toBe(NORMAL);
  });

  it('commit together or not at all, and the pragma is restored after a failure too', () => {
    const table = new GlossaryTable(db, new MemoryLogger());
    table.write((w) => w.put({ id: 'a', entry: { id: 'a' }, origin: 'org', updatedAt: 1 }));
    expect(() =>
      table.write((w) => {
        w.put({ id: 'b', entry: { id: 'b' }, origin: 'org', updatedAt: 2 });
        w.remove('a');
        throw new Error('validation failed halfway');
      }),
    ).toThrow('halfway');
    expect(table.list().map((r) => r.id)).toEqual(['a']);
    expect(db.pragma('synchronous', { simple: true })).toBe(NORMAL);
  });

  it('skip a row whose JSON is damaged and log it, keeping the others', () => {
    const logger = new MemoryLogger();
    const table = new GlossaryTable(db, logger);
    table.write((w) => w.put({ id: 'good', entry: { id: 'good' }, origin: 'override', updatedAt: 1 }));
    db.prepare("INSERT INTO glossary_entries (id, entry, origin, updated_at) VALUES ('bad', '{oops', 'org', 1)").run();
    expect(table.list()).toEqual([{ id: 'good', entry: { id: 'good' }, origin: 'override', updatedAt: 1 }]);
    expect(logger.records.some((r) => r.event === 'store-glossary-row-unreadable')).toBe(true);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { openStore, type Store } from '../../../src/main/engine/store';

const HOUR = 3_600_000;
let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-store-'));
  store = openStore({ dataDir: dir, clock: new FakeClock(), logger: new MemoryLogger(), retention: { rawMs: 2 * HOUR } });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kept log events', () => {
  it('reads them back by source and time, oldest first, and forgets a deleted source', () => {
    store.logEvents.append('c-a', [
      { ts: 3_000, seq: 2, level: 'warn', text: 'slow', lines: 1 },
      { ts: 1_000, seq: 1, level: 'error', text: 'boom\n\tat x', lines: 2 },
    ]);
    store.logEvents.append('c-b', [{ ts: 2_000, seq: 1, level: 'error', text: 'other', lines: 1 }]);
    expect(store.logEvents.query('c-a', 0, 10_000, 10).map((e) => e.text)).toEqual(['boom\n\tat x', 'slow']);
    expect(store.logEvents.query('c-a', 2_000, 10_000, 10)).toEqual([{ checkId: 'c-a', ts: 3_000, seq: 2, level: 'warn', text: 'slow', lines: 1 }]);
    store.logEvents.deleteCheck('c-a');
    expect(store.logEvents.query('c-a', 0, 10_000, 10)).toEqual([]);
    expect(store.logEvents.query('c-b', 0, 10_000, 10)).toHaveLength(1);
  });

  it('keeps them as long as raw samples', async () => {
    store.logEvents.append('c-a', [
      { ts: 1 * HOUR, seq: 1, level: 'error', text: 'old', lines: 1 },
      { ts: 3 * HOUR, seq: 2, level: 'error', text: 'new', lines: 1 },
    ]);
    await store.runRetention(4 * HOUR);
    expect(store.logEvents.query('c-a', 0, 10 * HOUR, 10).map((e) => e.text)).toEqual(['new']);
  });
});

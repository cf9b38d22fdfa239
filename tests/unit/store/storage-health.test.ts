import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../src/shared/errors';
import { isLowOnSpace, LOW_SPACE_BYTES } from '../../../src/main/engine/store/free-space';
import { classifyStorageError, storageError, StorageHealthTracker } from '../../../src/main/engine/store/storage-health';

const sqlite = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('storage health', () => {
  it('names SQLite and file-system failures, also when wrapped', () => {
    expect(classifyStorageError(sqlite('SQLITE_FULL', 'database or disk is full'))).toBe('full');
    expect(classifyStorageError(sqlite('SQLITE_IOERR_WRITE', 'disk I/O error'))).toBe('io-error');
    expect(classifyStorageError(sqlite('SQLITE_READONLY_DBMOVED', 'attempt to write a readonly database'))).toBe('read-only');
    expect(classifyStorageError(Object.assign(new OpsError('STORE_FAILED', 'x'), { cause: sqlite('SQLITE_FULL', 'full') }))).toBe('full');
    expect(classifyStorageError(sqlite('SQLITE_CONSTRAINT', 'UNIQUE constraint failed'))).toBeNull();
    expect(classifyStorageError(new OpsError('NOT_FOUND', 'x'))).toBeNull();
    expect(storageError('full').code).toBe('STORAGE_FULL');
  });

  it('an injected SQLITE_FULL turns the state full, and the next good write back to ok, told once each', () => {
    let now = 1_000;
    const tracker = new StorageHealthTracker('/data', () => now);
    const seen: string[] = [];
    tracker.onChange((h) => seen.push(`${h.status}:${h.pendingSamples}`));
    expect(tracker.failed(sqlite('SQLITE_FULL', 'database or disk is full'), { pending: 30, dropped: 0 })).toBe('full');
    now = 2_000;
    tracker.failed(sqlite('SQLITE_FULL', 'database or disk is full'), { pending: 30, dropped: 0 });
    expect(tracker.current).toMatchObject({ status: 'full', since: 1_000 });
    tracker.succeeded({ pending: 0, dropped: 0 });
    expect(tracker.current).toMatchObject({ status: 'ok', since: 2_000, pendingSamples: 0 });
    expect(seen).toEqual(['full:30', 'ok:0']);
  });

  it('the free-space probe says full between writes, and ok needs both room and a good write', () => {
    let now = 1_000;
    const tracker = new StorageHealthTracker('/data', () => now);
    const seen: string[] = [];
    tracker.onChange((h) => seen.push(`${h.status}:${h.pendingSamples}`));
    // Open chunks always hold readings: their count alone is no news while all is well.
    tracker.succeeded({ pending: 40, dropped: 0 });
    tracker.spaceChecked(false, { pending: 60, dropped: 0 });
    expect(seen).toEqual([]);
    now = 2_000;
    tracker.spaceChecked(true, { pending: 80, dropped: 0 });
    tracker.succeeded({ pending: 100, dropped: 0 }); // a write into SQLite's free pages still works
    expect(tracker.current).toMatchObject({ status: 'full', since: 2_000, pendingSamples: 100 });
    tracker.failed(sqlite('SQLITE_FULL', 'database or disk is full'), { pending: 120, dropped: 0 });
    now = 3_000;
    tracker.spaceChecked(false, { pending: 140, dropped: 0 }); // room again, but the last write failed
    expect(tracker.current.status).toBe('full');
    tracker.succeeded({ pending: 20, dropped: 0 });
    expect(tracker.current).toMatchObject({ status: 'ok', since: 3_000 });
    expect(seen).toEqual(['full:80', 'full:100', 'full:120', 'full:140', 'ok:20']);
  });

  it('counts the blocks reserved for root as free only for root', () => {
    const block = 4_096;
    const reservedOnly = { bsize: block, bfree: (2 * LOW_SPACE_BYTES) / block, bavail: 0 };
    expect(isLowOnSpace(reservedOnly, false)).toBe(true);
    expect(isLowOnSpace(reservedOnly, true)).toBe(false);
    expect(isLowOnSpace({ bsize: block, bfree: 10, bavail: 10 }, true)).toBe(true);
    expect(isLowOnSpace({ bsize: block, bfree: LOW_SPACE_BYTES / block, bavail: LOW_SPACE_BYTES / block }, false)).toBe(false);
  });
});

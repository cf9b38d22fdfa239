import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../src/shared/errors';
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
});

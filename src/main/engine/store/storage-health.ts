// Whether the engine's history is being saved. SQLite names the failures (SQLITE_FULL,
// SQLITE_IOERR_*, SQLITE_READONLY_*), Node the file-system ones (ENOSPC, EIO, EROFS); either
// becomes one status the console shows on every screen. Writes that fail keep nothing half done
// (each is one transaction); samples wait in the writer's bounded buffer and go out with the
// first write that succeeds. A free-space probe (free-space.ts) says full between writes; the
// status is ok again once writes succeed and the probe sees room.
import { OpsError, type ErrorCode } from '../../../shared/errors';
import type { StorageHealth, StorageStatus } from '../../../shared/api';

export function classifyStorageError(err: unknown, depth = 0): Exclude<StorageStatus, 'ok'> | null {
  const cause = (err as { cause?: unknown })?.cause;
  if (cause !== undefined && depth < 3) {
    const fromCause = classifyStorageError(cause, depth + 1);
    if (fromCause) return fromCause;
  }
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : '';
  const message = err instanceof Error ? err.message : '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || /database or disk is full/i.test(message)) return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || /readonly database/i.test(message)) return 'read-only';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO' || /disk I\/O error/i.test(message)) return 'io-error';
  return null;
}

const STORAGE_CODES: Record<Exclude<StorageStatus, 'ok'>, ErrorCode> = { full: 'STORAGE_FULL', 'io-error': 'STORAGE_IO', 'read-only': 'STORAGE_READONLY' };
const SENTENCES: Record<Exclude<StorageStatus, 'ok'>, string> = {
  full: 'The disk of the OpsDeck data folder is full, so this was not saved (nothing was half-saved). Free space there, then try again.',
  'io-error': 'The disk of the OpsDeck data folder reported an I/O error, so this was not saved (nothing was half-saved). Check the disk, then try again.',
  'read-only': 'The OpsDeck data folder is read-only, so this was not saved. Make it writable, then try again.',
};

/** The stable error a failed write answers with. */
export function storageError(status: Exclude<StorageStatus, 'ok'>): OpsError {
  return new OpsError(STORAGE_CODES[status], SENTENCES[status]);
}

export class StorageHealthTracker {
  private health: StorageHealth;
  /** The last write's failure, until a write succeeds. */
  private writeFailure: Exclude<StorageStatus, 'ok'> | null = null;
  private lowOnSpace = false;
  private readonly listeners = new Set<(health: StorageHealth) => void>();

  constructor(
    dataDir: string,
    private readonly now: () => number,
  ) {
    this.health = { status: 'ok', since: now(), pendingSamples: 0, droppedSamples: 0, dataDir };
  }

  get current(): StorageHealth {
    return this.health;
  }

  /** A write failed: returns the storage status when it is a storage failure, else null. */
  failed(err: unknown, counts?: { pending: number; dropped: number }): Exclude<StorageStatus, 'ok'> | null {
    const status = classifyStorageError(err);
    if (status) {
      this.writeFailure = status;
      this.update(counts);
    }
    return status;
  }

  succeeded(counts?: { pending: number; dropped: number }): void {
    this.writeFailure = null;
    this.update(counts);
  }

  /** The free-space probe's answer: low on space reads as full even while no write has failed yet. */
  spaceChecked(lowOnSpace: boolean, counts?: { pending: number; dropped: number }): void {
    this.lowOnSpace = lowOnSpace;
    this.update(counts);
  }

  onChange(listener: (health: StorageHealth) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(counts?: { pending: number; dropped: number }): void {
    this.set(this.writeFailure ?? (this.lowOnSpace ? 'full' : 'ok'), counts);
  }

  private set(status: StorageStatus, counts?: { pending: number; dropped: number }): void {
    const next: StorageHealth = {
      ...this.health,
      status,
      since: status === this.health.status ? this.health.since : this.now(),
      pendingSamples: counts?.pending ?? this.health.pendingSamples,
      droppedSamples: counts?.dropped ?? this.health.droppedSamples,
    };
    // Readings always wait in memory for their chunk's end: their count is news only while not ok.
    const pendingNews = status !== 'ok' && next.pendingSamples !== this.health.pendingSamples;
    const changed = next.status !== this.health.status || pendingNews || next.droppedSamples !== this.health.droppedSamples;
    this.health = next;
    if (changed) for (const l of [...this.listeners]) l(next);
  }
}

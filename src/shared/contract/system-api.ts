// The engine's own health as the console shows it: whether history is being saved.
import { defineService, type Unsubscribe } from './define';

/**
 * ok: writes succeed. full: the disk of the data folder is full (SQLITE_FULL / ENOSPC).
 * io-error: the disk reported an I/O error. read-only: the data folder or file cannot be written.
 */
export type StorageStatus = 'ok' | 'full' | 'io-error' | 'read-only';

export interface StorageHealth {
  status: StorageStatus;
  /** When the current status began (ms since the epoch, engine clock). */
  since: number;
  /** Readings held in memory for the next successful write (bounded; the oldest go first). */
  pendingSamples: number;
  /** Readings dropped because the buffer was full while writes failed. */
  droppedSamples: number;
  dataDir: string;
}

export interface SystemApi {
  getStorageHealth(): Promise<StorageHealth>;
  onDidChangeStorageHealth(listener: (health: StorageHealth) => void): Unsubscribe;
}

export const SYSTEM_API = defineService<SystemApi>(
  'system',
  { getStorageHealth: { channel: 'opsdeck:get-storage-health', access: 'read', noArgument: true } },
  { onDidChangeStorageHealth: 'opsdeck:did-change-storage-health' },
);

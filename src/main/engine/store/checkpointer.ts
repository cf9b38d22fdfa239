// WAL checkpoints on a worker thread with its own connection. A checkpoint copies the WAL's
// pages into the database file and syncs it; run by the writing connection (SQLite's auto
// checkpoint) it blocked the commit that crossed the threshold, and those commits were the
// store's longest blocks at fleet size (docs/performance.md). A PASSIVE checkpoint never waits
// for the writer or the readers, so the engine's writes go on while it runs.
//
// If the worker cannot start (or dies), the engine's own connection checkpoints again, every
// 200 pages, as before: the WAL stays bounded either way.

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Logger } from '../core/logger';

/** The writer's own auto-checkpoint, when no worker does it. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 200;
/** How often the worker checkpoints: a busy store adds about 100 pages a second at 5,000 hosts. */
export const CHECKPOINT_EVERY_MS = 500;

// Plain CommonJS evaluated in the worker: no file of its own to locate in every bundle and package.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const tick = () => {
  const at = Date.now();
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (workerData.report) parentPort.postMessage({ type: 'tick', at, log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ type: 'failed', message: String(err && err.message || err) });
  }
};
const timer = setInterval(tick, workerData.everyMs);
parentPort.on('message', (msg) => {
  if (msg !== 'close') return;
  clearInterval(timer);
  try { db.close(); } catch {}
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the worker; its connection closes (the WAL is checkpointed by the last connection to close). */
  close(): void;
}

export interface CheckpointerOptions {
  everyMs?: number;
  /** Called after each checkpoint with when it started, the WAL's frames and how many are in the file (tests). */
  onCheckpoint?: (r: { at: number; log: number; checkpointed: number }) => void;
}

export function startCheckpointer(db: Database.Database, logger: Logger, opts: CheckpointerOptions = {}): Checkpointer {
  const everyMs = opts.everyMs ?? CHECKPOINT_EVERY_MS;
  const fallBack = (reason: string) => {
    if (!db.open) return;
    db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    logger.log('warn', 'store-checkpointer-unavailable', { reason });
  };
  let worker: Worker;
  try {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file: db.name, everyMs, report: opts.onCheckpoint !== undefined } });
  } catch (err) {
    fallBack(err instanceof Error ? err.message : String(err));
    return { close: () => undefined };
  }
  // It must never keep the engine alive, and its failures are the store's to report, not a crash.
  worker.unref();
  let closing = false;
  worker.on('message', (msg: { type: string; message?: string; at?: number; log?: number; checkpointed?: number }) => {
    if (msg.type === 'failed') logger.log('warn', 'store-checkpoint-failed', { message: msg.message });
    if (msg.type === 'tick') opts.onCheckpoint?.({ at: msg.at ?? 0, log: msg.log ?? 0, checkpointed: msg.checkpointed ?? 0 });
  });
  worker.on('error', (err) => fallBack(err.message));
  worker.on('exit', (code) => {
    if (!closing) fallBack(`the checkpoint worker exited (${code})`);
  });
  db.pragma('wal_autocheckpoint = 0');
  return {
    close() {
      closing = true;
      worker.postMessage('close');
    },
  };
}

// JSON-lines log file for the hosts (never the console). Secrets are redacted on the way in.
import fs from 'node:fs';
import path from 'node:path';
import { redact, type LogLevel, type Logger } from './logger';

const MAX_BYTES = 5 * 1024 * 1024;

export function createFileLogger(file: string, minLevel: LogLevel = 'info'): Logger & { close(): void } {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Keep one previous file: enough to read what happened, never an unbounded disk eater.
  try {
    if (fs.statSync(file).size > MAX_BYTES) fs.renameSync(file, `${file}.1`);
  } catch {
    /* no log yet */
  }
  const stream = fs.createWriteStream(file, { flags: 'a' });
  stream.on('error', () => {
    /* a full disk must not crash the engine */
  });
  return {
    log(level, event, fields) {
      if (order[level] < order[minLevel]) return;
      stream.write(`${JSON.stringify({ ts: new Date().toISOString(), level, event, ...redact(fields) })}\n`);
    },
    close() {
      stream.end();
    },
  };
}

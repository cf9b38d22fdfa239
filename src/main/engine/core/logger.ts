// The engine never writes to the console: it logs through this interface, which the host
// points at a file (Electron, serve) or at memory (tests).

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

export interface LogRecord {
  ts: number;
  level: LogLevel;
  event: string;
  fields?: Record<string, unknown>;
}

// Keys whose values must never be written anywhere.
const SECRET_KEY = /pass(word|phrase)?|secret|token|private.?key|credential/i;

/** Replaces values under secret-looking keys, recursively, so a careless field cannot leak. */
export function redact(fields: Record<string, unknown> | undefined, depth = 0): Record<string, unknown> | undefined {
  if (!fields || depth > 4) return fields;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (SECRET_KEY.test(k)) out[k] = '[redacted]';
    else if (v && typeof v === 'object' && !Array.isArray(v)) out[k] = redact(v as Record<string, unknown>, depth + 1);
    else out[k] = v;
  }
  return out;
}

export class MemoryLogger implements Logger {
  readonly records: LogRecord[] = [];
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void {
    this.records.push({ ts: Date.now(), level, event, fields: redact(fields) });
    if (this.records.length > 10_000) this.records.shift();
  }
}

export const nullLogger: Logger = { log() {} };

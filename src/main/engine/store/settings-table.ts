// Key/value settings stored as JSON text. Callers own the shape of each value and validate
// what they read back, since a file may come from an older OpsDeck.

import type Database from 'better-sqlite3';
import { OpsError } from '../../../shared/errors';

export class SettingsTable {
  private readonly select: Database.Statement<[string], string>;
  private readonly upsert: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.select = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
    this.upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  get(key: string): unknown {
    const text = this.select.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  set(key: string, value: unknown): void {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      text = undefined; // circular structures and BigInt
    }
    // undefined, functions and symbols have no JSON form; storing nothing would read back wrong.
    if (text === undefined) throw new OpsError('INVALID_ARGUMENT', `The setting "${key}" needs a JSON value (text, number, true/false, null, list or object).`);
    this.upsert.run(key, text);
  }
}

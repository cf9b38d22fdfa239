// A process that applies incident commands as fast as it can is SIGKILLed at random moments.
// After each kill the database must pass integrity_check, and every change the process had
// acknowledged (it prints a line only after the command returned) must be there, with its
// timeline entries and audit row, and nothing half-written.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../src/main/engine/store';

const STORE_ENTRY = new URL('../../../src/main/engine/store/index.ts', import.meta.url).href;
const INCIDENTS_ENTRY = new URL('../../../src/main/engine/incidents/incidents-api.ts', import.meta.url).href;
const KILL_AFTER_ACKS = [40, 25, 60];

// Resolves our extensionless relative imports to .ts files, and serves JSON (the bundled
// playbook) as a module, as the build does.
const HOOKS = `
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !/^\\.\\.?\\//.test(specifier)) throw err;
    return next(specifier + '.ts', context);
  }
}
export async function load(url, context, next) {
  if (!url.endsWith('.json')) return next(url, context);
  return { format: 'module', shortCircuit: true, source: 'export default ' + readFileSync(fileURLToPath(url), 'utf8') };
}
`;

// Opens (or continues) INC-0001 and adds numbered notes forever, with now and then a status
// update; prints "ack <note> <revision>" after each command has returned.
const CHILD = `
import { register } from 'node:module';
register(new URL('./hooks.mjs', import.meta.url));
const { openStore } = await import(${JSON.stringify(STORE_ENTRY)});
const { createIncidentsModule } = await import(${JSON.stringify(INCIDENTS_ENTRY)});
let now = Date.UTC(2026, 2, 2);
const clock = { now: () => (now += 7), setTimeout: () => ({ id: 0 }), clearTimeout() {} };
const logger = { log() {} };
const store = openStore({ dataDir: process.argv[2], clock, logger });
const incidents = createIncidentsModule({ clock, logger, user: 'crash-test' });
incidents.attach(await store.openIncidents(), () => null);
const api = incidents.methods;
let d = (await api.listIncidents()).length === 0
  ? await api.createIncident({ from: 'manual', title: 'crash test', severity: 'SEV2', impact: 'none' })
  : await api.getIncident({ id: 'INC-0001' });
for (let n = Number(process.argv[3]); ; n++) {
  const command = n % 5 === 4
    ? { type: 'postUpdate', audience: 'internal', message: 'update ' + n }
    : { type: 'addNote', text: 'note ' + n };
  d = await api.applyIncidentCommand({ id: 'INC-0001', revision: d.incident.revision, command });
  process.stdout.write('ack ' + n + ' ' + d.incident.revision + '\\n');
}
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-incident-crash-'));
  writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
  writeFileSync(join(dir, 'apply-forever.mjs'), CHILD);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Ack {
  note: number;
  revision: number;
}

/** Runs the child from note `first` on, SIGKILLs it once it has acknowledged `acks` commands; returns its acks. */
function applyThenKill(dataDir: string, first: number, acks: number): Promise<Ack[]> {
  const child = spawn(process.execPath, ['--experimental-transform-types', '--no-warnings', join(dir, 'apply-forever.mjs'), dataDir, String(first)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seen: Ack[] = [];
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, fail) => {
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the child acknowledged only ${seen.length} commands: ${stderr}`));
    }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const lines = stdout.split('\n');
      stdout = lines.pop()!;
      for (const line of lines) {
        const [, note, revision] = line.split(' ');
        seen.push({ note: Number(note), revision: Number(revision) });
      }
      // Kill mid-stream: the child is usually inside its next transaction by now.
      if (seen.length >= acks && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    // 'close' comes after the pipes are drained, so every ack the child printed is counted.
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL') done(seen);
      else fail(new Error(`the child exited by itself (code ${code}): ${stderr}`));
    });
  });
}

describe('an engine killed while applying incident commands', () => {
  it('keeps every acknowledged change, with its timeline and audit row, and a database that passes integrity_check', async () => {
    const dataDir = join(dir, 'data');
    let next = 0;
    let lastAck: Ack | null = null;
    for (const acks of KILL_AFTER_ACKS) {
      const seen = await applyThenKill(dataDir, next, acks);
      expect(seen.length).toBeGreaterThanOrEqual(acks);
      lastAck = seen.at(-1)!;

      const db = new Database(join(dataDir, DB_FILE_NAME), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const row = db.prepare<[], { revision: number; timeline_count: number }>("SELECT revision, timeline_count FROM incidents WHERE id = 'INC-0001'").get()!;
        // Acknowledged means committed; one more command may have committed before its ack was printed.
        expect(row.revision).toBeGreaterThanOrEqual(lastAck.revision);
        expect(row.revision).toBeLessThanOrEqual(lastAck.revision + 1);
        // Record, timeline and audit moved together: one audit row per revision, the entries the record counts.
        expect(db.prepare("SELECT count(*) AS n FROM incident_timeline WHERE incident_id = 'INC-0001'").get()).toEqual({ n: row.timeline_count });
        expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE subject_id = 'INC-0001'").get()).toEqual({ n: row.revision });
        const texts = new Set(
          db
            .prepare<[], string>("SELECT entry FROM incident_timeline WHERE incident_id = 'INC-0001' AND kind IN ('note', 'status-update')")
            .pluck()
            .all()
            .map((e) => {
              const entry = JSON.parse(e) as { text?: string; message?: string };
              return entry.text ?? entry.message;
            }),
        );
        for (let n = 0; n <= lastAck.note; n++) expect(texts.has(n % 5 === 4 ? `update ${n}` : `note ${n}`), `change ${n}`).toBe(true);
        // The next round starts after whatever committed last, acknowledged or not.
        next = texts.size;
      } finally {
        db.close();
      }
    }
    expect(lastAck!.revision).toBeGreaterThan(KILL_AFTER_ACKS.reduce((a, b) => a + b, 0));
  }, 90_000);
});

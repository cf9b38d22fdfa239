// The built `opsdeck probe postgres://...` as a person runs it, against a real PostgreSQL, directly
// and through a real sshd's login, with the password from the environment or a private file.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../support/serve-process';
import { createRole, startLongQuery, startPostgres, type PgCluster, type PgRole } from '../../support/postgres';
import { startSshd, type SshdHandle } from '../../support/sshd';

let cluster: PgCluster;
let role: PgRole;
let sshd: SshdHandle;
let home: string;

beforeAll(async () => {
  [cluster, sshd] = await Promise.all([startPostgres(), startSshd()]);
  role = await createRole(cluster.primary, { monitor: true });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-probe-db-home-'));
}, 60_000);
afterAll(async () => {
  await Promise.all([cluster?.stop(), sshd?.stop()]);
});

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { SSH_AUTH_SOCK: _agent, OPSDECK_DB_PASSWORD: _pw, ...base } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, [cliPath, ...args], { env: { ...base, HOME: home, OPSDECK_DATA_DIR: path.join(home, 'data'), ...env }, timeout: 40_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const target = () => `postgres://${role.user}@127.0.0.1:${cluster.primary.port}/postgres`;

describe('opsdeck probe postgres://', () => {
  it('lists a sleeping query in its JSON, with the connection figures', async () => {
    const query = await startLongQuery(cluster.primary, { seconds: 90, applicationName: 'nightly-report' });
    try {
      const run = await cli(['probe', target(), '--json', '--sample-ms', '300'], { OPSDECK_DB_PASSWORD: role.password });
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.kind).toBe('postgres');
      expect(report.facts.version).toMatch(/^15\./);
      expect(report.metrics['pg.connections.used'].value).toBeGreaterThanOrEqual(2);
      const sleeping = report.tables.queries.rows.find((q: { pid: number }) => q.pid === query.pid);
      expect(sleeping).toMatchObject({ application: 'nightly-report', state: 'active', query: expect.stringContaining('pg_sleep(90)') });
      expect(run.stdout).not.toContain(role.password);
    } finally {
      await query.cancel();
    }
  });

  it('goes through one SSH login with --via, and reads the password from a private file', async () => {
    const file = path.join(home, 'pgpass');
    fs.writeFileSync(file, `${role.password}\n`, { mode: 0o600 });
    const via = `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
    const before = sshd.countAccepted();
    const run = await cli(['probe', target(), '--via', via, '--identity', sshd.clientKey.privatePath, '--accept-new', '--password-file', file, '--json', '--sample-ms', '200']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).facts.role).toBe('primary');
    expect(sshd.countAccepted()).toBe(before + 1);
  });

  it('refuses a password file others can read, and a password in the address', async () => {
    const file = path.join(home, 'open-pgpass');
    fs.writeFileSync(file, role.password, { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const open = await cli(['probe', target(), '--password-file', file]);
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/BAD_FLAG: .*chmod 600/);
    const inline = await cli(['probe', `postgres://${role.user}:secret@127.0.0.1:${cluster.primary.port}/postgres`]);
    expect(inline.code).toBe(2);
    expect(inline.stderr).toMatch(/BAD_TARGET: .*shell history/);
    expect(inline.stderr).not.toContain('secret@');
  });

  it('says AUTH_FAILED for a wrong password and UNREACHABLE for a closed port', async () => {
    const wrong = await cli(['probe', target()], { OPSDECK_DB_PASSWORD: 'not-it' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/AUTH_FAILED/);
    const closed = await cli(['probe', `postgres://${role.user}@127.0.0.1:1/postgres`], { OPSDECK_DB_PASSWORD: 'x' });
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(/UNREACHABLE/);
  });
});

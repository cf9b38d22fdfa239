// Following a systemd journal over a real sshd, where this machine runs journald: entries of a
// transient unit written with systemd-cat, seen live, and after a dropped login resumed with
// --after-cursor (nothing twice); the kind's poll counts the unit's errors. Build machines in
// containers usually have journalctl but no running journald: then these tests are skipped and
// say why, rather than passing without having run.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogItem } from '../../../src/shared/logs';
import { journaldKind } from '../../../src/main/engine/collectors/journald';
import { systemClock } from '../../../src/main/engine/core/clock';
import { nullLogger } from '../../../src/main/engine/core/logger';
import { JournalFollower } from '../../../src/main/engine/logs/journal-follower';
import { MemoryHostKeyStore } from '../../../src/main/engine/transport/host-key-policy';
import { SshConnection } from '../../../src/main/engine/transport/ssh-connection';
import { processesMentioning } from '../../support/log-files';
import { startSshd, type SshdHandle } from '../../support/sshd';
import { waitFor } from '../../support/wait-for';

/** Why journald tests cannot run here, or null when they can. */
function journaldMissing(): string | null {
  if (spawnSync('sh', ['-c', 'command -v journalctl && command -v systemd-cat'], { encoding: 'utf8' }).status !== 0) return 'journalctl or systemd-cat is not installed';
  if (!fs.existsSync('/run/systemd/journal/socket')) return 'no journald is running (/run/systemd/journal/socket is missing)';
  const probe = spawnSync('journalctl', ['-n', '1', '-o', 'json', '--no-pager'], { encoding: 'utf8' });
  if (probe.status !== 0 || !probe.stdout.trim().startsWith('{')) return `journalctl shows no entries here (${(probe.stderr || probe.stdout).trim().slice(0, 80) || 'empty journal'})`;
  return null;
}

const missing = journaldMissing();
if (missing) console.warn(`journald tests skipped: ${missing}`);

describe.skipIf(missing !== null)(`journald over SSH${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let sshd: SshdHandle;
  let connection: SshConnection;
  const tag = `opsdeck-test-${crypto.randomBytes(4).toString('hex')}`;
  const log = (priority: string, text: string) => execFileSync('systemd-cat', ['-t', tag, '-p', priority], { input: `${text}\n` });

  beforeAll(async () => {
    sshd = await startSshd();
    const hostKeys = new MemoryHostKeyStore();
    hostKeys.trust(sshd.host, sshd.port, sshd.hostKeyBlob());
    connection = new SshConnection({ host: sshd.host, port: sshd.port, credentials: { username: sshd.user, privateKey: sshd.clientKey.privateKey }, hostKeys, readyTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    await connection?.close();
    await sshd?.stop();
  });

  it('follows entries live and resumes after a drop without repeating one', async () => {
    const items: LogItem[] = [];
    // SYSLOG_IDENTIFIER is not a unit: the whole journal, filtered here by the tag in the text.
    const follower = new JournalFollower({ open: (s, o) => connection.openProcess(s, o), selector: { unit: null, priority: null }, lines: 0, clock: systemClock, logger: nullLogger, sink: (b) => items.push(...b.items) });
    const mine = () => items.flatMap((i) => (i.type === 'event' && i.text.startsWith(tag) ? [i.text] : []));
    follower.start();
    await waitFor('following', async () => follower.state === 'following');
    log('err', `${tag} one`);
    log('warning', `${tag} two`);
    await waitFor('two entries', async () => mine().length === 2);
    for (const p of processesMentioning('sshd:').filter((p) => /@notty|\[priv\]/.test(p.cmdline))) process.kill(p.pid, 'SIGKILL');
    await waitFor('reconnecting', async () => follower.state === 'reconnecting');
    log('info', `${tag} three`);
    await waitFor('three entries', async () => mine().length === 3, 30_000);
    expect(mine()).toEqual([`${tag} one`, `${tag} two`, `${tag} three`]);
    await follower.close();
  });

  it('counts a unit-less journal poll by PRIORITY', async () => {
    const collector = journaldKind.createCollector(
      { via: 'h', unit: null, priority: 'warning' },
      { clock: systemClock, logger: nullLogger, secret: async () => null, openStream: () => Promise.reject(new Error('unused')), intervalMs: 60_000, openProcess: (_h, s, o) => connection.openProcess(s, o) },
    );
    expect((await collector.collect()).metrics['log.errors']).toBeNull();
    log('err', `${tag} counted`);
    await new Promise((r) => setTimeout(r, 500));
    expect((await collector.collect()).metrics['log.errors']).toBeGreaterThanOrEqual(1);
  });
});

// Faults against a real sshd: a shell that never answers, a session killed mid-poll, a poll
// script that stalls only in the long-lived shell, and sshd restarted under the poller. Each
// fault costs one poll its own deadline, never more.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { FAST_SECTIONS, type SectionSpec } from '../../../src/main/engine/transport/composite-script';
import { MemoryHostKeyStore } from '../../../src/main/engine/transport/host-key-policy';
import { SshConnection, type SshConnectionOptions } from '../../../src/main/engine/transport/ssh-connection';
import { startSshd, type SshdHandle } from '../../support/sshd';

let sshd: SshdHandle;
const open: SshConnection[] = [];

beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.stop();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function connect(privateKey: string, extra: Partial<SshConnectionOptions> = {}): SshConnection {
  const hostKeys = new MemoryHostKeyStore();
  hostKeys.trust(sshd.host, sshd.port, sshd.hostKeyBlob());
  const connection = new SshConnection({
    host: sshd.host,
    port: sshd.port,
    credentials: { username: sshd.user, privateKey },
    hostKeys,
    logger: new MemoryLogger(),
    readyTimeoutMs: 5_000,
    // Fast, deterministic reconnects for the test; production keeps the 1 s base.
    backoff: { baseMs: 200, maxMs: 1_000 },
    ...extra,
  });
  open.push(connection);
  return connection;
}

async function timed<T>(work: Promise<T>): Promise<{ ms: number; result: T | undefined; error: unknown }> {
  const started = performance.now();
  try {
    const result = await work;
    return { ms: performance.now() - started, result, error: undefined };
  } catch (error) {
    return { ms: performance.now() - started, result: undefined, error };
  }
}

describe('a host that misbehaves', () => {
  it('turns a shell that never answers into TIMEOUT within the poll deadline', async () => {
    const connection = connect(sshd.hungKey.privateKey);
    await connection.connect(5_000); // the login itself is fine; only the shell hangs
    const { ms, error } = await timed(connection.poll(FAST_SECTIONS, 1_500));
    expect(error).toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(/did not finish the poll/) });
    expect(ms).toBeGreaterThanOrEqual(1_400);
    expect(ms).toBeLessThan(2_200);
    // The next poll also ends on its deadline, and the channel cap holds while channels hang.
    const again = await timed(connection.poll(FAST_SECTIONS, 1_000));
    expect(again.error).toMatchObject({ code: 'TIMEOUT' });
    expect(again.ms).toBeLessThan(1_700);
    expect(connection.stats().peakChannels).toBeLessThanOrEqual(2);
  });

  it('never delays another host: a healthy host answers at its own pace while a hung one waits out its deadline', async () => {
    const hung = connect(sshd.hungKey.privateKey);
    const healthy = connect(sshd.clientKey.privateKey);
    await Promise.all([hung.connect(5_000), healthy.poll(FAST_SECTIONS, 8_000)]);
    const [stuck, fine] = await Promise.all([timed(hung.poll(FAST_SECTIONS, 3_000)), timed(healthy.poll(FAST_SECTIONS, 3_000))]);
    expect(stuck.error).toMatchObject({ code: 'TIMEOUT' });
    expect(fine.error).toBeUndefined();
    expect(fine.ms).toBeLessThan(1_000);
  });

  it('fails a poll whose session is killed mid-poll with UNREACHABLE at once, not at the deadline', async () => {
    const connection = connect(sshd.dropKey.privateKey);
    const { ms, error } = await timed(connection.poll(FAST_SECTIONS, 10_000));
    expect(error).toMatchObject({ code: 'UNREACHABLE', message: expect.stringMatching(/lost/) });
    expect(ms).toBeLessThan(8_000);
    expect(connection.stats().connected).toBe(false);
  });

  it('resets a stalled long-lived shell and answers the same poll through a one-off exec', async () => {
    const flag = path.join(sshd.dir, 'stall-once');
    fs.writeFileSync(flag, '');
    // Stalls the first shell that runs it (and removes the flag), so the fallback runs clean.
    const stallOnce: SectionSpec = { kind: 'command', name: 'stall', command: `if [ -e '${flag}' ]; then rm -f '${flag}'; sleep 12; fi; echo ok` };
    const connection = connect(sshd.clientKey.privateKey);
    await connection.poll(FAST_SECTIONS, 8_000); // opens the long-lived shell
    const { result, error } = await timed(connection.poll([...FAST_SECTIONS, stallOnce], 8_000));
    expect(error).toBeUndefined();
    expect(result!.via).toBe('exec');
    expect(result!.sections.get('stall')).toBe('ok\n');
    expect(result!.sections.get('/proc/stat')).toMatch(/^cpu /);
    // The next poll is back on a fresh long-lived shell, on the same login.
    const next = await connection.poll(FAST_SECTIONS, 8_000);
    expect(next.via).toBe('shell');
    expect(connection.stats()).toMatchObject({ logins: 1, shellResets: 1, fallbacks: 1 });
    expect(connection.stats().peakChannels).toBeLessThanOrEqual(2);
  });

  it('reconnects after sshd is restarted under the poller, with one new login', async () => {
    const connection = connect(sshd.clientKey.privateKey);
    await connection.poll(FAST_SECTIONS, 8_000);
    const acceptedBefore = sshd.countAccepted();
    await sshd.restart();

    const errors: string[] = [];
    const until = Date.now() + 15_000;
    let via: string | null = null;
    while (Date.now() < until && !via) {
      const { result, error } = await timed(connection.poll(FAST_SECTIONS, 8_000));
      if (result) via = result.via;
      else errors.push((error as { code: string }).code);
      if (!via) await new Promise((r) => setTimeout(r, 100));
    }
    expect(via).toBe('shell');
    expect(new Set(errors)).toEqual(new Set(errors.length ? ['UNREACHABLE'] : []));
    expect(connection.stats().logins).toBe(2);
    expect(sshd.countAccepted()).toBe(acceptedBefore + 1);
  });
});

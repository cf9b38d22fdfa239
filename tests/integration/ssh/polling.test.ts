// Polling cost and hygiene on one persistent connection to a real sshd: one login for many
// polls, at most two channels however many polls pile up, no remote process started by a fast
// poll (the resident awk reads the files), nothing left behind after a thousand polls, and
// capped concurrent handshakes.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type Clock, type TimerHandle } from '../../../src/main/engine/core/clock';
import { FAST_SECTIONS } from '../../../src/main/engine/transport/composite-script';
import { HandshakeLimiter, MAX_HANDSHAKES_PER_TARGET } from '../../../src/main/engine/transport/handshake-limiter';
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

function connect(extra: Partial<SshConnectionOptions> = {}): SshConnection {
  const hostKeys = new MemoryHostKeyStore();
  hostKeys.trust(sshd.host, sshd.port, sshd.hostKeyBlob());
  const connection = new SshConnection({
    host: sshd.host,
    port: sshd.port,
    credentials: { username: sshd.user, privateKey: sshd.clientKey.privateKey },
    hostKeys,
    readyTimeoutMs: 10_000,
    ...extra,
  });
  open.push(connection);
  return connection;
}

/** The real clock, counting timers that are armed and neither fired nor cleared. */
class CountingClock implements Clock {
  readonly pending = new Set<number>();
  now = () => systemClock.now();
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle = systemClock.setTimeout(() => {
      this.pending.delete(handle.id);
      fn();
    }, ms);
    this.pending.add(handle.id);
    return handle;
  }
  clearTimeout(handle: TimerHandle): void {
    this.pending.delete(handle.id);
    systemClock.clearTimeout(handle);
  }
}

const forksSinceBoot = (): number => Number(/^processes (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))![1]);

describe('polling over one persistent connection', () => {
  it('logs in once for 50 polls (one "Accepted" line in the sshd log)', async () => {
    const before = sshd.countAccepted();
    const connection = connect();
    const latencies: number[] = [];
    for (let i = 0; i < 50; i++) {
      const { elapsedMs, via } = await connection.poll(FAST_SECTIONS, 10_000);
      expect(via).toBe('shell');
      if (i > 0) latencies.push(elapsedMs);
    }
    expect(sshd.countAccepted() - before).toBe(1);
    expect(connection.stats()).toMatchObject({ logins: 1, polls: 50, shellResets: 0 });
    latencies.sort((a, b) => a - b);
    console.info(`poll latency on loopback: median ${latencies[24]} ms, p90 ${latencies[44]} ms`);
  });

  it('starts no remote process per fast poll: the resident awk answers (counted from /proc/stat on this same machine)', async () => {
    const connection = connect();
    await connection.poll(FAST_SECTIONS, 10_000);
    // Other processes on this machine fork too, so the quietest of 20 polls is the honest count.
    let fewest = Infinity;
    for (let i = 0; i < 20; i++) {
      const before = forksSinceBoot();
      await connection.poll(FAST_SECTIONS, 10_000);
      fewest = Math.min(fewest, forksSinceBoot() - before);
    }
    expect(fewest).toBe(0);
  });

  it('queues 30 parallel polls (3x MaxSessions) on at most 2 channels, and every one succeeds', async () => {
    const connection = connect();
    const results = await Promise.all(Array.from({ length: 30 }, () => connection.poll(FAST_SECTIONS, 20_000)));
    expect(results.every((r) => r.sections.get('/proc/loadavg'))).toBe(true);
    expect(connection.stats().peakChannels).toBeLessThanOrEqual(2);
    expect(connection.stats().logins).toBe(1);
  });

  it('leaves no channels, listeners or timers behind after 1,000 polls', { timeout: 120_000 }, async () => {
    const clock = new CountingClock();
    const connection = connect({ clock });
    await connection.poll(FAST_SECTIONS, 10_000);
    const baseline = connection.stats();
    expect(baseline).toMatchObject({ channelsOpen: 1, ssh2Channels: 1 });
    for (let i = 0; i < 1_000; i++) await connection.poll(FAST_SECTIONS, 10_000);
    const after = connection.stats();
    expect(after).toMatchObject({ channelsOpen: 1, ssh2Channels: 1, logins: 1, polls: 1_001, shellResets: 0 });
    expect(after.clientListeners).toBe(baseline.clientListeners);
    expect(after.shellListeners).toBe(baseline.shellListeners);
    expect(clock.pending.size).toBe(0);
  });

  it(`keeps at most ${MAX_HANDSHAKES_PER_TARGET} handshakes in flight to one sshd when 20 connections log in at once`, async () => {
    const limiter = new HandshakeLimiter();
    const connections = Array.from({ length: 20 }, () => connect({ handshakeLimiter: limiter }));
    await Promise.all(connections.map((c) => c.connect(30_000)));
    expect(limiter.peak(`${sshd.host}:${sshd.port}`)).toBe(MAX_HANDSHAKES_PER_TARGET);
    expect(limiter.inFlight(`${sshd.host}:${sshd.port}`)).toBe(0);
  });
});

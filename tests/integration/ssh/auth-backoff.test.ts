// A wrong key against a real sshd: the engine sends at most 3 refused logins in 10 minutes. The
// engine's clock runs ahead of real time (30 s per step) so 14 minutes pass in seconds; the
// sshd's VERBOSE log is the witness of what was actually sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/main/engine/core/clock';
import { systemClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { memorySecretStore } from '../../../src/main/engine/secrets';
import { AUTH_WINDOW_MS } from '../../../src/main/engine/transport/auth-backoff';
import { tempDataDir } from '../../support/serve-process';
import { startSshd, type SshdHandle } from '../../support/sshd';
import { waitFor } from '../../support/wait-for';

let sshd: SshdHandle;
let engine: Engine;
let offset = 0;
const clock: Clock = { now: () => Date.now() + offset, setTimeout: systemClock.setTimeout, clearTimeout: systemClock.clearTimeout };

beforeAll(async () => {
  sshd = await startSshd();
  engine = createEngine({ dataDir: tempDataDir(), host: 'serve', clock, logger: new MemoryLogger(), secrets: memorySecretStore('t'), knownHostsFile: null, intervalMs: 60_000 });
  await engine.start();
});
afterAll(async () => {
  await engine?.stop();
  await sshd?.stop();
});

const refusedIn = (log: string) => (log.match(/Connection closed by authenticating user|Failed publickey/g) ?? []).length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a wrong key', () => {
  it('produces at most 3 failed logins on the sshd in 10 minutes, and the tile says why in plain words', async () => {
    const start = sshd.log().length;
    const hostOf = async (id: string) => (await engine.api.listInventory()).hosts.find((h) => h.id === id)!;
    const first = await engine.api.saveHost({ name: 'wrong key', address: sshd.host, port: sshd.port, user: sshd.user, auth: { method: 'key', keyPath: sshd.strangerKey.privatePath }, hostKeyPolicy: 'accept-new', intervalMs: 1_000 });
    await waitFor('the first refusal', async () => ((await hostOf(first.id)).connection.state === 'error' ? true : null));
    // sshd's counting: every refused connection logs "Failed publickey" and "Connection closed by authenticating user".
    const connections = () => (sshd.log().slice(start).match(/Connection closed by authenticating user/g) ?? []).length;
    const seen: Array<{ at: number; refused: number }> = [];
    let second: string | null = null;
    for (let step = 0; step < 28; step++) {
      await sleep(350); // a few 1 s polls happen in real time per step... at 30 s of engine time each
      offset += 30_000;
      seen.push({ at: clock.now(), refused: connections() });
      if (step === 2) second = (await engine.api.saveHost({ name: 'also wrong', address: sshd.host, port: sshd.port, user: sshd.user, auth: { method: 'key', keyPath: sshd.strangerKey.privatePath }, hostKeyPolicy: 'accept-new', intervalMs: 1_000 })).id;
    }
    await sleep(1_500);
    const total = connections();
    // Within any 10 minutes of engine time, at most 3 refused connections reached the sshd.
    for (const a of seen) {
      const inWindow = seen.filter((b) => b.at > a.at && b.at <= a.at + AUTH_WINDOW_MS);
      const before = a.refused;
      const after = inWindow.length ? inWindow[inWindow.length - 1]!.refused : before;
      expect(after - before).toBeLessThanOrEqual(3);
    }
    expect(total).toBeGreaterThanOrEqual(3); // it did try: this is not a test of an idle engine
    expect(total).toBeLessThanOrEqual(4); // 14 minutes of engine time: 3, then one more after the window
    // Failed publickey lines: one per refused connection (one key offered each time).
    expect(refusedIn(sshd.log().slice(start))).toBeLessThanOrEqual(2 * total);
    const tile = (await engine.api.getOverview()).find((t) => t.target.id === first.id)!;
    const reason = tile.snapshot?.reasons.find((r) => r.code === 'COLLECT_FAILED');
    expect(reason && 'errorCode' in reason ? reason.errorCode : null).toMatch(/AUTH_STOPPED|AUTH_BACKOFF/);
    expect((await hostOf(first.id)).connection).toMatchObject({ state: 'error', code: 'AUTH_STOPPED' });
    expect(['AUTH_BACKOFF', 'AUTH_STOPPED', 'AUTH_FAILED']).toContain(((await hostOf(second!)).connection as { code: string }).code);
  }, 60_000);
});

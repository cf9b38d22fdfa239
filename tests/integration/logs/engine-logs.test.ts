// Log sources in the engine end to end against a real sshd: a server in the inventory, a log
// file on it as a check, its errors counted per poll across a rename and a copytruncate while
// it is written, the stored error series summing to the ERROR lines written, a live view
// through the contract on the same single login, and nothing left on the server once the view
// is closed or its lease runs out.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LogBatch, LogItem } from '../../../src/shared/logs';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { memorySecretStore } from '../../../src/main/engine/secrets';
import { fingerprintSha256 } from '../../../src/main/engine/transport/host-key-policy';
import { LogWriter, logDir, processesMentioning } from '../../support/log-files';
import { tempDataDir } from '../../support/serve-process';
import { startSshd, type SshdHandle } from '../../support/sshd';
import { waitFor } from '../../support/wait-for';

let sshd: SshdHandle;
let dir: string;
const engines: Engine[] = [];

beforeAll(async () => {
  sshd = await startSshd();
  dir = logDir();
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});
afterAll(async () => {
  await sshd?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function engineWithHost(): Promise<{ engine: Engine; hostId: string }> {
  const engine = createEngine({ dataDir: tempDataDir(), host: 'serve', logger: new MemoryLogger(), secrets: memorySecretStore('test'), knownHostsFile: null, intervalMs: 60_000 });
  engines.push(engine);
  await engine.start();
  const host = await engine.api.saveHost({ name: 'app-01', address: sshd.host, port: sshd.port, user: sshd.user, auth: { method: 'key', keyPath: sshd.clientKey.privatePath }, intervalMs: 2_000 });
  await engine.api.trustHostKey({ hostId: host.id, fingerprint: fingerprintSha256(sshd.hostKeyBlob()) });
  await waitFor('the host polled', async () => (await engine.api.listInventory()).hosts.find((h) => h.id === host.id)?.connection.state === 'ok');
  return { engine, hostId: host.id };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a log file watched by the engine', () => {
  it('counts every ERROR line once across a rename and a copytruncate, and its error series sums to them', { timeout: 60_000 }, async () => {
    const { engine, hostId } = await engineWithHost();
    const accepted = sshd.countAccepted();
    const file = path.join(dir, 'orders.log');
    const w = new LogWriter(file);
    w.line('2026-12-06 10:00:00 INFO started');
    const check = await engine.api.saveCheck({ kind: 'log-file', name: 'orders', intervalMs: 1_000, config: { via: hostId, path: file } });
    const seen: string[] = [];
    const sizes: string[] = [];
    engine.api.onDidSample(({ snapshot }) => {
      if (snapshot.targetId !== check.id) return;
      sizes.push(String(snapshot.facts.size));
      seen.push(`${snapshot.ts} ${snapshot.metrics['log.errors']} ${snapshot.facts.size} ${JSON.stringify(snapshot.notes)}`);
    });
    // Each rotation comes after a poll has read up to the end: two rotations inside one poll
    // are a different case (a loaded machine can stretch a 1 s poll past a fixed sleep).
    const polledToEnd = async () => {
      const from = sizes.length;
      const size = String(fs.statSync(file).size);
      await waitFor(`a poll up to byte ${size}`, async () => sizes.slice(from).includes(size), 15_000);
    };
    // The first poll learns where the file ends; counting starts after it.
    await waitFor('the first poll', async () => (await engine.api.getSnapshot({ targetId: check.id }))?.facts.file === file);
    let errors = 0;
    let n = 0;
    const write = (count: number) => {
      for (let i = 0; i < count; i++) {
        const error = ++n % 4 === 0;
        if (error) errors++;
        w.line(`2026-12-06 10:00:${String(n % 60).padStart(2, '0')} ${error ? 'ERROR' : 'INFO'} order ${n}`);
      }
    };
    write(20);
    await polledToEnd();
    w.renameRotate();
    write(6); // still into the renamed file, before the daemon reopens
    w.reopen();
    write(20);
    await polledToEnd();
    w.copyTruncate();
    write(21);
    const total = async () => {
      const r = await engine.api.getSeries({ targetId: check.id, keys: ['log.errors'], range: '15m' });
      // Readings are per minute of the check's 1 s interval: each counts its second once.
      return r.series[0]!.points.reduce((sum, [, v]) => sum + (v ?? 0), 0) / 60;
    };
    await waitFor(`${errors} errors in the series`, async () => Math.round(await total()) === errors, 20_000).catch(async (e) => {
      console.log('DEBUG', seen.join('\n'), await total(), JSON.stringify((await engine.api.getSeries({ targetId: check.id, keys: ['log.errors'], range: '15m' })).series[0]), JSON.stringify(await engine.api.getSnapshot({ targetId: check.id })));
      throw e;
    });
    await sleep(2_500);
    expect(await total()).toBe(errors);
    expect(errors).toBe(16);
    const snapshot = await engine.api.getSnapshot({ targetId: check.id });
    expect(snapshot!.status).not.toBe('unknown');
    // Errors were kept for "jump to this time".
    const kept = await engine.api.listLogEvents({ checkId: check.id, from: 0, until: Date.now() + 1_000 });
    expect(kept.filter((e) => e.level === 'error')).toHaveLength(errors);
    expect(kept[0]!.text).toMatch(/ERROR order 4$/);
    // One login for the host's polls and the log's reads.
    expect(sshd.countAccepted()).toBe(accepted);
    w.close();
  });

  it('fires an alert rule over a log source\'s error series, and ships the spike-against-usual rule for both log kinds', { timeout: 60_000 }, async () => {
    const { engine, hostId } = await engineWithHost();
    const shipped = (await engine.api.listAlertRules()).map((r) => r.rule);
    for (const kind of ['log-file', 'journald']) {
      const spike = shipped.find((r) => r.kinds.includes(kind) && r.metric === 'log.errors.vsUsual' && r.severity === 'warning');
      expect(spike?.condition).toMatchObject({ kind: 'threshold', direction: 'above', threshold: 5 });
    }
    // A person's rule: more than 30 errors a minute on a log file.
    await engine.api.saveAlertRule({
      rule: { ...shipped.find((r) => r.kinds.includes('log-file'))!, id: 'orders-errors', label: 'Order errors', metric: 'log.errors', condition: { kind: 'threshold', direction: 'above', threshold: 30, recovery: null }, forMs: 0, recoverForMs: 0, severity: 'critical', enabled: true },
    });
    const file = path.join(dir, 'alerting.log');
    const w = new LogWriter(file);
    w.line('2026-12-06 10:00:00 INFO started');
    const check = await engine.api.saveCheck({ kind: 'log-file', name: 'orders-alerting', intervalMs: 1_000, config: { via: hostId, path: file } });
    await waitFor('the first poll', async () => (await engine.api.getSnapshot({ targetId: check.id }))?.facts.file === file);
    const firing = async () => (await engine.api.listAlerts()).filter((a) => a.ruleId === 'orders-errors' && a.target.id === check.id && a.state === 'firing');
    // Quiet lines never fire it.
    for (let i = 0; i < 5; i++) w.line(`2026-12-06 10:00:0${i} INFO fine ${i}`);
    await sleep(2_500);
    expect(await firing()).toHaveLength(0);
    // Two ERROR lines in a second of a 1 s poll are 120 a minute.
    w.line('2026-12-06 10:00:06 ERROR payment failed');
    w.line('2026-12-06 10:00:06 ERROR payment failed again');
    await waitFor('the rule firing on the log', async () => (await firing()).length === 1, 20_000);
    const alert = (await firing())[0]!;
    expect(alert.seriesKey).toBe('log.errors');
    expect(alert.value).toBeGreaterThan(30);
    w.close();
  });

  it('streams a live view over the same login and ends its process when the view is closed', async () => {
    const { engine, hostId } = await engineWithHost();
    const accepted = sshd.countAccepted();
    const file = path.join(dir, 'live-view.log');
    const w = new LogWriter(file);
    for (let i = 1; i <= 30; i++) w.line(`${i % 10 === 0 ? 'WARN' : 'INFO'} line ${i}`);
    const check = await engine.api.saveCheck({ kind: 'log-file', name: 'live', config: { via: hostId, path: file } });
    const batches: LogBatch[] = [];
    engine.api.onDidLogLines((b) => batches.push(b));
    const view = await engine.api.openLogView({ checkId: check.id, lines: 10 });
    expect(view.file).toBe(file);
    const items = () => batches.filter((b) => b.subscriptionId === view.subscriptionId).flatMap((b) => b.items);
    const texts = () => items().flatMap((i: LogItem) => (i.type === 'event' ? [i.text] : []));
    await waitFor('the last 10 lines', async () => texts().length === 10);
    expect(texts()).toEqual(w.written.slice(20));
    w.line('ERROR after open');
    await waitFor('the new line', async () => texts().at(-1) === 'ERROR after open');
    expect(processesMentioning('live-view.log').filter((p) => p.cmdline.startsWith('tail -F'))).toHaveLength(1);
    expect(sshd.countAccepted()).toBe(accepted);

    await engine.api.closeLogView({ subscriptionId: view.subscriptionId });
    await waitFor('no tail left', async () => processesMentioning('live-view.log').length === 0, 5_000);
    await expect(engine.api.renewLogView({ subscriptionId: view.subscriptionId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    w.close();
  });

  it('closes a view whose screen stopped renewing it, with its process on the server', async () => {
    const dataDir = tempDataDir();
    const engine = createEngine({ dataDir, host: 'serve', logger: new MemoryLogger(), secrets: memorySecretStore('test'), knownHostsFile: null, intervalMs: 60_000 });
    engines.push(engine);
    await engine.start();
    const host = await engine.api.saveHost({ name: 'app-02', address: sshd.host, port: sshd.port, user: sshd.user, auth: { method: 'key', keyPath: sshd.clientKey.privatePath }, intervalMs: 2_000 });
    await engine.api.trustHostKey({ hostId: host.id, fingerprint: fingerprintSha256(sshd.hostKeyBlob()) });
    const file = path.join(dir, 'abandoned.log');
    fs.writeFileSync(file, 'one\n');
    const check = await engine.api.saveCheck({ kind: 'log-file', name: 'abandoned', config: { via: host.id, path: file } });
    const view = await engine.api.openLogView({ checkId: check.id, lines: 5 });
    expect(view.leaseMs).toBe(30_000);
    await waitFor('the tail running', async () => processesMentioning('abandoned.log').some((p) => p.cmdline.startsWith('tail -F')));
    // Deleting the source ends its views too (the lease would, 30 s later).
    await engine.api.deleteCheck({ checkId: check.id });
    await waitFor('no tail left', async () => processesMentioning('abandoned.log').length === 0, 5_000);
  });
});

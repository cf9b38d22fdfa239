// Alerts end to end on this computer: real /proc, the real local collector at a 1 s interval,
// real SQLite and timers; notifications are recorded instead of delivered (the channels are
// another part's tests). The rules come in through the CLI, as a person would import them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../src/main/engine/engine';
import { RecordingNotifier } from '../../src/main/engine/notify/notifier';
import { main as cli } from '../../src/main/serve/cli';
import type { AlertNotification } from '../../src/shared/notifications';
import { tempDataDir } from '../support/serve-process';
import { waitFor } from '../support/wait-for';

const MINIMAL = `rules:
  - name: memory-in-use
    metric: mem.used
    above: 0.1
    for: 5s
    severity: warning
channels:
  - name: local-hook
    type: webhook
    url: http://127.0.0.1:8099/hook
`;

const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

function start(dataDir: string, notifier: RecordingNotifier, extra: Partial<Parameters<typeof createEngine>[0]> = {}) {
  const engine = createEngine({ dataDir, host: 'serve', intervalMs: 1_000, logger: new MemoryLogger(), notifier, ...extra });
  engines.push(engine);
  return engine;
}

async function rulesCli(dataDir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await cli(['rules', ...args], { out: (t) => out.push(t), err: (t) => err.push(t), env: { ...process.env, OPSDECK_DATA_DIR: dataDir }, untilSignal: async () => {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const firingOf = (n: RecordingNotifier, rule: string) =>
  n.sent.map((s) => s.notification).filter((x): x is AlertNotification => x.event === 'firing' && x.alerts.some((a) => a.ruleName === rule));

describe('alerts on this computer', () => {
  it('the minimal file, imported with the CLI, fires within 60 s with the rule, the target and the value; a restart mid-alert sends nothing twice', async () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, 'rules.yaml');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, MINIMAL);
    const imported = await rulesCli(dataDir, 'import', file);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain('1 added');

    const notifier = new RecordingNotifier();
    const startedAt = Date.now();
    const engine = start(dataDir, notifier);
    await engine.start();
    const [firing] = await waitFor('a firing notification for memory-in-use', async () => firingOf(notifier, 'memory-in-use').length > 0 && firingOf(notifier, 'memory-in-use'), 60_000);
    expect(Date.now() - startedAt).toBeLessThan(60_000);
    const alert = firing!.alerts.find((a) => a.ruleName === 'memory-in-use')!;
    expect(alert.target).toEqual({ id: 'local', name: os.hostname(), kind: 'local' });
    expect(alert.series?.key).toBe('mem.used');
    expect(alert.value).toBeGreaterThan(0.1);
    expect(alert.value).toBeLessThanOrEqual(100);
    expect(alert.threshold).toBe(0.1);

    // Stop mid-alert and start again on the same folder: still firing, not announced again.
    await engine.stop();
    const again = new RecordingNotifier();
    const restarted = start(dataDir, again);
    await restarted.start();
    const alerts = await waitFor('the alerts after a restart', async () => {
      const list = await restarted.api.listAlerts().catch(() => null);
      return list && list.length > 0 && list;
    });
    expect(alerts.find((a) => a.ruleId === 'memory-in-use')).toMatchObject({ state: 'firing', firingSince: alert.firingSince });
    await new Promise((r) => setTimeout(r, 5_000));
    expect(firingOf(again, 'memory-in-use')).toEqual([]);
    const detail = await restarted.api.getAlert({ alertId: alerts.find((a) => a.ruleId === 'memory-in-use')!.id });
    expect(detail.timeline.filter((e) => e.kind === 'notified').length).toBe(1);
  }, 90_000);

  it('a running engine picks up rules the CLI imports within a poll or two', async () => {
    const dataDir = tempDataDir();
    const engine = start(dataDir, new RecordingNotifier());
    await engine.start();
    await waitFor('the alert rules', () => engine.api.listAlertRules().catch(() => null));
    fs.writeFileSync(path.join(dataDir, 'later.yaml'), MINIMAL.replace('memory-in-use', 'imported-while-running'));
    expect((await rulesCli(dataDir, 'import', path.join(dataDir, 'later.yaml'))).code).toBe(0);
    const t = Date.now();
    await waitFor('the imported rule in the running engine', async () => (await engine.api.listAlertRules()).some((r) => r.rule.id === 'imported-while-running'), 10_000);
    await waitFor('the engine to load it', async () => (await engine.api.listAlerts()).some((a) => a.ruleId === 'imported-while-running'), 10_000);
    expect(Date.now() - t).toBeLessThan(10_000);
    const exported = await rulesCli(dataDir, 'export');
    expect(exported.out).toContain('name: imported-while-running');
  }, 30_000);

  it('the CLI names the line of a bad rules file and changes nothing', async () => {
    const dataDir = tempDataDir();
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'bad.yaml');
    fs.writeFileSync(file, MINIMAL.replace('for: 5s', 'for: five seconds'));
    const r = await rulesCli(dataDir, 'import', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^opsdeck: RULES_INVALID: .*line 5 \(rules\[0\]\.for\)/);
  });
});

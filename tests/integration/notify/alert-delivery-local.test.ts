// The alert engine's notifications through the real channels: this computer's memory use fires
// a rule imported as a rules file, and the outbox delivers to a webhook receiver on loopback,
// named by the rule, in Korean with whom to call; a repeat while
// firing, none after acknowledgement, and the recovery. Real /proc, SQLite, HTTP and timers;
// the engine's clock is only stepped ahead between polls, 5 s at a time, to reach the one-minute repeat interval.
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { memorySecretStore } from '../../../src/main/engine/secrets';
import type { AlertNotification } from '../../../src/shared/notifications';
import { startReceiver, type ReceivedRequest, type Receiver } from '../../support/http-receiver';
import { tempDataDir } from '../../support/serve-process';
import { waitFor } from '../../support/wait-for';

interface WebhookBody {
  notification: AlertNotification;
  channel: { name: string };
  message: { language: string; title: string; text: string };
}

/** Real time plus a jump made by the test; timers run in real time. */
class SteppedClock implements Clock {
  offset = 0;
  now = () => Date.now() + this.offset;
  setTimeout = systemClock.setTimeout;
  clearTimeout = systemClock.clearTimeout;
}

let receiver: Receiver;
const clock = new SteppedClock();
let polls = 0;
let engine: Engine;
const logger = new MemoryLogger();

const rulesFile = (above: number) => `rules:
  - name: memory-in-use
    metric: mem.used
    above: ${above}
    for: 2s
    severity: warning
    channels: [local-hook]
channels:
  - name: local-hook
    type: webhook
    url: ${receiver.url}/hook
  - name: other-hook
    type: webhook
    url: ${receiver.url}/other
settings:
  groupWait: 1s
  repeatInterval: 1m
`;

beforeAll(async () => {
  receiver = await startReceiver();
  engine = createEngine({ dataDir: tempDataDir(), host: 'serve', intervalMs: 1_000, logger, secrets: memorySecretStore('tests keep secrets in memory'), knownHostsFile: null, clock });
  engine.api.onDidSample(({ snapshot }) => void (snapshot.targetId === 'local' && polls++));
  await engine.start();
});
afterAll(async () => {
  await engine?.stop();
  await receiver?.close();
});

/** Steps the clock 5 s at a time (below the 10 s staleness limit), a fresh poll after each. */
async function skipAhead(ms: number) {
  for (let left = ms; left > 0; left -= 5_000) {
    clock.offset += Math.min(5_000, left);
    const seen = polls;
    await waitFor('a poll after the step', async () => polls >= seen + 2);
  }
}

const bodies = (path: string) => receiver.on(path).map((r: ReceivedRequest) => r.json as WebhookBody);
const eventsAt = (path: string) => bodies(path).map((b) => b.notification.event);

describe('an alert on this computer reaches a real channel', () => {
  it('fires, repeats, is acknowledged and recovers, each as a delivered webhook in Korean naming whom to call', async () => {
    await waitFor('the alert rules', () => engine.api.listAlertRules().catch(() => null));
    const imported = await engine.api.importAlertRules({ content: rulesFile(0.1) });
    expect(imported).toMatchObject({ channels: { imported: ['local-hook', 'other-hook'], skipped: [] } });
    // Whom to call: the first escalation level is a person (this computer is in no service).
    const settings = await engine.api.getAlertSettings();
    await engine.api.saveAlertSettings({ settings: { ...settings, escalation: [{ kind: 'person', name: '김운영', contact: '010-1234-5678' }] } });

    const firing = await waitFor('a firing webhook', async () => bodies('/hook').find((b) => b.notification.event === 'firing'), 60_000);
    const request = receiver.on('/hook').find((r) => (r.json as WebhookBody).notification.event === 'firing')!;
    expect(request.headers['x-opsdeck-event']).toBe('firing');
    const alert = firing.notification.alerts[0]!;
    expect(alert).toMatchObject({ ruleName: 'memory-in-use', target: { id: 'local', name: os.hostname() }, threshold: 0.1 });
    expect(alert.value).toBeGreaterThan(0.1);
    expect(firing.notification.contacts).toEqual([{ name: '김운영', role: null, contact: '010-1234-5678' }]);
    // What is wrong and whom to call, in Korean: the rule, the host, the value, the person and how to reach them.
    const { text, language, title } = firing.message;
    expect(language).toBe('ko');
    expect(`${title}\n${text}`).toMatch(/[가-힣]/);
    for (const part of ['메모리 사용률', os.hostname(), '기준인 0.1%', '연락할 사람', '김운영', '010-1234-5678']) expect(`${title}\n${text}`).toContain(part);
    expect(text).not.toMatch(/\b(firing|Owner|Contact|since)\b/);

    // Still firing past the repeat interval: told again, as a repeat.
    await skipAhead(65_000);
    await waitFor('a repeat webhook', async () => eventsAt('/hook').includes('repeat'), 30_000);
    expect(eventsAt('/hook').filter((e) => e === 'firing')).toEqual(['firing']);

    // Acknowledged: that is said once, and nothing repeats after it.
    const [view] = (await engine.api.listAlerts()).filter((a) => a.ruleId === 'memory-in-use');
    await engine.api.acknowledgeAlert({ alertId: view!.id, note: '확인 중', by: '김운영' });
    await waitFor('the acknowledgement webhook', async () => eventsAt('/hook').includes('acknowledged'), 30_000);
    const afterAck = eventsAt('/hook').length;
    await skipAhead(70_000);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(eventsAt('/hook').slice(afterAck).filter((e) => e === 'repeat' || e === 'firing')).toEqual([]);

    // The threshold moves above anything memory can reach: the alert recovers and that is sent.
    await engine.api.importAlertRules({ content: rulesFile(101) });
    const resolved = await waitFor('a resolved webhook', async () => bodies('/hook').find((b) => b.notification.event === 'resolved'), 30_000);
    expect(resolved.notification.alerts[0]).toMatchObject({ ruleName: 'memory-in-use', state: 'resolved' });
    expect(resolved.message.text).toMatch(/[가-힣]/);

    // The rule names one channel: the other one heard nothing, and the delivery log says delivered.
    expect(receiver.on('/other')).toEqual([]);
    const hook = (await engine.api.listChannels()).find((c) => c.name === 'local-hook')!;
    const log = await engine.api.listDeliveries({ channelId: hook.id });
    expect(log.records.filter((r) => r.outcome === 'delivered').map((r) => r.event)).toEqual(expect.arrayContaining(['firing', 'repeat', 'acknowledged', 'resolved']));
    expect(log.records.every((r) => r.outcome === 'delivered')).toBe(true);
  }, 150_000);
});

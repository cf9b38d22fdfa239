import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../../src/shared/alerts';
import { createAppStore } from '../../../../src/renderer/src/store';
import { createFakeApi, flush } from '../support/fake-api';

const alert = (patch: Partial<AlertView>): AlertView => ({
  id: 'a|local|mem.used',
  ruleId: 'memory-high',
  ruleLabel: null,
  severity: 'warning',
  state: 'firing',
  target: { id: 'local', name: 'desk', kind: 'local' },
  seriesKey: 'mem.used',
  conditionKind: 'threshold',
  value: 91,
  threshold: 85,
  direction: 'above',
  activeSince: 1,
  firingSince: 2,
  acknowledgedAt: null,
  acknowledgedBy: null,
  note: null,
  resolvedAt: null,
  lastEvaluatedAt: 3,
  serviceIds: [],
  suppressed: null,
  flapping: false,
  flapPercent: 0,
  escalationLevel: 0,
  incidentId: null,
  incidentProposed: false,
  detail: {},
  ...patch,
});

describe('the alerts slice', () => {
  it('loads the alerts when the session starts and reloads them when the engine says they changed', async () => {
    const api = createFakeApi();
    let list = [alert({})];
    api.handlers.listAlerts = () => list;
    const store = createAppStore(api);
    store.getState().start();
    await flush();
    expect(store.getState().alerts.map((a) => a.id)).toEqual(['a|local|mem.used']);
    list = [];
    api.emitAlertsChanged({ alertIds: ['a|local|mem.used'], config: false });
    await flush();
    expect(store.getState().alerts).toEqual([]);
  });

  it('acknowledges with the note trimmed, and passes the engine\'s error on as { code, message }', async () => {
    const api = createFakeApi();
    api.handlers.acknowledgeAlert = (arg) => alert({ state: 'acknowledged', acknowledgedBy: 'kim', note: arg.note ?? null });
    const store = createAppStore(api);
    await store.getState().acknowledgeAlert('a|local|mem.used', '  디스크 정리 중 ');
    expect(api.calls.find((c) => c.method === 'acknowledgeAlert')!.arg).toEqual({ alertId: 'a|local|mem.used', note: '디스크 정리 중' });
    api.handlers.acknowledgeAlert = () => {
      throw Object.assign(new Error('not firing'), { code: 'ALERT_NOT_FIRING' });
    };
    await expect(store.getState().acknowledgeAlert('x', '')).rejects.toEqual({ code: 'ALERT_NOT_FIRING', message: 'not firing' });
  });
});

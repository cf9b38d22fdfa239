import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../../src/renderer/src/store';
import { createFakeApi } from '../support/fake-api';
import { makeDetail, makeIncident, makeListItem } from '../support/incidents';

function roomApi() {
  const api = createFakeApi();
  const detail = makeDetail();
  api.handlers.getIncident = () => detail;
  api.handlers.listIncidents = () => [makeListItem()];
  return { api, detail };
}

describe('the incident room in the store', () => {
  it('opens an incident when the route shows one, and closes it when the route leaves', async () => {
    const { api } = roomApi();
    const store = createAppStore(api);
    store.getState().navigate({ name: 'incident', id: 'INC-0001' });
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().room).toMatchObject({ id: 'INC-0001', status: 'ready' });
    expect(store.getState().room.detail?.incident.revision).toBe(1);
    store.getState().navigate({ name: 'overview' });
    expect(store.getState().room).toMatchObject({ id: null, detail: null, status: 'idle' });
  });

  it('sends a command with the revision on screen and shows the engine answer', async () => {
    const { api } = roomApi();
    const store = createAppStore(api);
    await store.getState().openIncident('INC-0001');
    const next = makeDetail(makeIncident([{ type: 'acknowledge' }]));
    api.handlers.applyIncidentCommand = () => next;
    expect(await store.getState().runIncidentCommand({ type: 'acknowledge' })).toBe(true);
    expect(api.calls.find((c) => c.method === 'applyIncidentCommand')?.arg).toEqual({ id: 'INC-0001', revision: 1, command: { type: 'acknowledge' } });
    expect(store.getState().room).toMatchObject({ pending: false, commandError: null });
    expect(store.getState().room.detail?.incident.revision).toBe(next.incident.revision);
  });

  it('on a revision conflict, keeps the reason and reloads what the other person saved', async () => {
    const { api } = roomApi();
    const store = createAppStore(api);
    await store.getState().openIncident('INC-0001');
    const theirs = makeDetail(makeIncident([{ type: 'addNote', text: '다른 사람의 메모' }]));
    api.handlers.applyIncidentCommand = () => {
      throw { code: 'REVISION_CONFLICT', message: 'changed after you opened it' };
    };
    api.handlers.getIncident = () => theirs;
    expect(await store.getState().runIncidentCommand({ type: 'acknowledge' })).toBe(false);
    expect(store.getState().room.commandError).toEqual({ code: 'REVISION_CONFLICT', message: 'changed after you opened it' });
    expect(store.getState().room.detail?.incident.revision).toBe(2);
  });

  it('never replaces what is shown with an older revision', async () => {
    const { api } = roomApi();
    const store = createAppStore(api);
    await store.getState().openIncident('INC-0001');
    api.handlers.applyIncidentCommand = () => makeDetail(makeIncident([{ type: 'acknowledge' }]));
    await store.getState().runIncidentCommand({ type: 'acknowledge' });
    api.handlers.getIncident = () => makeDetail();
    await store.getState().refreshIncident();
    expect(store.getState().room.detail?.incident.revision).toBeGreaterThan(1);
  });

  it('reloads the list and the open incident when the engine reports a change to it', async () => {
    const { api } = roomApi();
    const store = createAppStore(api);
    store.getState().start();
    await store.getState().openIncident('INC-0001');
    const count = (m: string) => api.calls.filter((c) => c.method === m).length;
    const [lists, gets] = [count('listIncidents'), count('getIncident')];
    api.emitIncidentChanged({ kind: 'timer-overdue', incidentId: 'INC-0001', revision: 1, timerIds: ['status-update'] });
    api.emitIncidentChanged({ kind: 'updated', incidentId: 'INC-0009', revision: 4, timerIds: [] });
    await new Promise((r) => setTimeout(r, 0));
    expect(count('listIncidents')).toBe(lists + 2);
    expect(count('getIncident')).toBe(gets + 1);
  });

  it('passes the reader\u2019s time zone to the composer', async () => {
    const { api } = roomApi();
    api.handlers.composeIncidentMessage = (arg) => ({ templateId: arg.templateId, audience: 'customer', final: false, lang: arg.lang, text: '', segments: [], uses: [], missing: [], unknown: [], errors: [], promises: [], complete: true });
    const store = createAppStore(api);
    await store.getState().composeIncidentMessage({ id: 'INC-0001', templateId: 'customer-notice', lang: 'ko' });
    expect(api.calls.at(-1)?.arg).toEqual({ id: 'INC-0001', templateId: 'customer-notice', lang: 'ko', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  });
});

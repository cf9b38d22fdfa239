import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../../src/renderer/src/store';
import type { PopoverAnchor } from '../../../../src/renderer/src/store';
import { builtinRecords, entryById } from '../glossary/fixtures';
import { createFakeApi, deferred, flush } from '../support/fake-api';

const anchor = (): PopoverAnchor => ({ getBoundingClientRect: () => ({ left: 0, top: 0, right: 10, bottom: 10, width: 10, height: 10 }), focus: () => undefined });

describe('openGlossary', () => {
  it('opens the popover for an entry at its anchor and loads the glossary once', async () => {
    const api = createFakeApi();
    api.handlers.listGlossary = () => builtinRecords();
    const store = createAppStore(api);
    const button = anchor();
    store.getState().openGlossary('cpu-usage', button);
    expect(store.getState().glossaryPopover).toMatchObject({ id: 'cpu-usage', anchor: button });
    await flush();
    expect(store.getState().glossary.status).toBe('ready');
    store.getState().openGlossary('iowait', anchor());
    await flush();
    expect(api.calls.filter((c) => c.method === 'listGlossary')).toHaveLength(1);
  });

  it('the same button toggles it closed; another button moves it', () => {
    const store = createAppStore(createFakeApi());
    const a = anchor();
    const b = anchor();
    store.getState().openGlossary('swap', a);
    store.getState().openGlossary('swap', b);
    expect(store.getState().glossaryPopover?.anchor).toBe(b);
    store.getState().openGlossary('swap', b);
    expect(store.getState().glossaryPopover).toBeNull();
  });

  it('never opens on the wall, and closes when the route changes', () => {
    const store = createAppStore(createFakeApi(), { initialRoute: { name: 'wall' } });
    store.getState().openGlossary('status-ok', anchor());
    expect(store.getState().glossaryPopover).toBeNull();
    store.getState().syncRoute({ name: 'overview' });
    store.getState().openGlossary('status-ok', anchor());
    store.getState().navigate({ name: 'glossary', entryId: 'status-ok' });
    expect(store.getState().glossaryPopover).toBeNull();
  });
});

describe('the glossary list', () => {
  it('loads when the glossary route is followed', async () => {
    const api = createFakeApi();
    api.handlers.listGlossary = () => builtinRecords();
    const store = createAppStore(api, { initialRoute: { name: 'glossary', entryId: 'latency' } });
    store.getState().start();
    await flush();
    expect(store.getState().glossary.records.length).toBeGreaterThan(100);
  });

  it('reloads when the engine says the glossary changed, but only once it was loaded', async () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    store.getState().start();
    api.emitGlossaryChanged({ ids: ['x'] });
    await flush();
    expect(api.calls.filter((c) => c.method === 'listGlossary')).toHaveLength(0);
    await store.getState().loadGlossary();
    api.emitGlossaryChanged({ ids: ['x'] });
    await flush();
    expect(api.calls.filter((c) => c.method === 'listGlossary')).toHaveLength(2);
  });

  it('keeps the entries it has when a reload fails, and reports the error', async () => {
    const api = createFakeApi();
    api.handlers.listGlossary = () => builtinRecords();
    const store = createAppStore(api);
    await store.getState().loadGlossary();
    api.handlers.listGlossary = () => Promise.reject(Object.assign(new Error('down'), { code: 'UNAVAILABLE' }));
    await store.getState().loadGlossary();
    expect(store.getState().glossary).toMatchObject({ status: 'ready', error: { code: 'UNAVAILABLE' } });
    expect(store.getState().glossary.records.length).toBeGreaterThan(100);
  });

  it('a slow answer never overwrites a newer one', async () => {
    const api = createFakeApi();
    const slow = deferred<ReturnType<typeof builtinRecords>>();
    api.handlers.listGlossary = () => slow.promise;
    const store = createAppStore(api);
    const first = store.getState().loadGlossary();
    api.handlers.listGlossary = () => builtinRecords().slice(0, 3);
    await store.getState().loadGlossary();
    slow.resolve(builtinRecords());
    await first;
    expect(store.getState().glossary.records).toHaveLength(3);
  });
});

describe('edits', () => {
  it('a saved entry shows at once; deleting an override shows the restored built-in', async () => {
    const api = createFakeApi();
    api.handlers.listGlossary = () => builtinRecords();
    const store = createAppStore(api);
    await store.getState().loadGlossary();
    const changed = { ...entryById('dns'), acronym: 'DNS!' };
    api.handlers.saveGlossaryEntry = (entry) => ({ entry, origin: 'override', updatedAt: 5 });
    await store.getState().saveGlossaryEntry(changed);
    expect(store.getState().glossary.records.find((r) => r.entry.id === 'dns')).toMatchObject({ origin: 'override', entry: { acronym: 'DNS!' } });
    api.handlers.deleteGlossaryEntry = () => ({ entry: entryById('dns'), origin: 'builtin', updatedAt: null });
    await store.getState().deleteGlossaryEntry('dns');
    expect(store.getState().glossary.records.find((r) => r.entry.id === 'dns')?.origin).toBe('builtin');
  });

  it('engine errors reach the caller as plain { code, message }', async () => {
    const api = createFakeApi();
    api.handlers.deleteGlossaryEntry = () => Promise.reject(Object.assign(new Error('"latency" is a built-in entry'), { code: 'BUILTIN_ENTRY' }));
    const store = createAppStore(api);
    await expect(store.getState().deleteGlossaryEntry('latency')).rejects.toEqual({ code: 'BUILTIN_ENTRY', message: '"latency" is a built-in entry' });
  });
});

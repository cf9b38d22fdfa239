// The glossary through the engine's contract: the same calls a renderer makes, across a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/main/engine/engine';
import { METHOD_CHANNELS } from '../../../src/shared/api';
import type { GlossaryChangedEvent } from '../../../src/shared/glossary-contract';
import { dispatch } from '../../../src/shared/rpc';
import { orgEntry } from './org-entries';

const dir = mkdtempSync(join(tmpdir(), 'opsdeck-glossary-engine-'));
let engine: Engine | null = null;

async function startEngine(): Promise<Engine> {
  engine = createEngine({ dataDir: dir, host: 'serve', intervalMs: 60_000 });
  await engine.start();
  return engine;
}

afterEach(async () => {
  await engine?.stop();
  engine = null;
});

describe('the glossary behind the engine', () => {
  it('answers UNAVAILABLE before start, like every other store-backed call', async () => {
    const cold = createEngine({ dataDir: dir, host: 'serve' });
    await expect(cold.api.listGlossary()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('an organisation term and an override survive an engine restart; events announce changes', async () => {
    const first = await startEngine();
    const events: GlossaryChangedEvent[] = [];
    const off = first.api.onDidChangeGlossary((e) => events.push(e));
    await first.api.saveGlossaryEntry(orgEntry());
    const cpu = (await first.api.listGlossary()).find((r) => r.entry.id === 'cpu-usage')!.entry;
    await first.api.saveGlossaryEntry({ ...cpu, acronym: 'CPU%' });
    off();
    expect(events).toEqual([{ ids: ['pay-gateway'] }, { ids: ['cpu-usage'] }]);
    await first.stop();

    const second = await startEngine();
    const records = await second.api.listGlossary();
    expect(records.find((r) => r.entry.id === 'pay-gateway')).toMatchObject({ origin: 'org', entry: orgEntry() });
    expect(records.find((r) => r.entry.id === 'cpu-usage')).toMatchObject({ origin: 'override', entry: { acronym: 'CPU%' } });
    await second.api.deleteGlossaryEntry({ id: 'pay-gateway' });
    await second.api.deleteGlossaryEntry({ id: 'cpu-usage' });
  });

  it('the serving side refuses a malformed entry or import before the engine sees it', async () => {
    const e = await startEngine();
    const bad = await dispatch(e.api, METHOD_CHANNELS.saveGlossaryEntry, { ...orgEntry(), source: { title: 'x', url: 'javascript:alert(1)' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await dispatch(e.api, METHOD_CHANNELS.importGlossary, { format: 'xml', content: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await dispatch(e.api, METHOD_CHANNELS.deleteGlossaryEntry, { id: 'latency' })).toMatchObject({ ok: false, error: { code: 'BUILTIN_ENTRY' } });
    const exported = await dispatch(e.api, METHOD_CHANNELS.exportGlossary, { format: 'csv', scope: 'all' });
    expect(exported).toMatchObject({ ok: true, value: { mime: 'text/csv;charset=utf-8' } });
  });
});

process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

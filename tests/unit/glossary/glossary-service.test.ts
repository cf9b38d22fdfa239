import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import raw from '../../../resources/glossary/terms.json';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { createGlossaryService, type GlossaryService } from '../../../src/main/engine/glossary';
import { openStore, type Store } from '../../../src/main/engine/store';
import { GlossarySchema, type GlossaryEntry } from '../../../src/shared/glossary';
import { orgEntry } from './org-entries';

let dir: string;
let store: Store;
let service: GlossaryService;
let changes: string[][];
const clock = new FakeClock();

function open(): void {
  store = openStore({ dataDir: dir, clock, logger: new MemoryLogger() });
  changes = [];
  service = createGlossaryService({ store, clock, logger: new MemoryLogger(), onChange: (ids) => changes.push(ids) });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsdeck-glossary-'));
  open();
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const builtinCount = (raw as unknown[]).length;
const byId = (id: string) => service.list().find((r) => r.entry.id === id);
const builtin = (id: string) => structuredClone((raw as GlossaryEntry[]).find((e) => e.id === id)!);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'no error';
};

describe('the merged glossary', () => {
  it('lists every built-in entry, marked builtin, and a valid whole glossary', () => {
    const records = service.list();
    expect(records).toHaveLength(builtinCount);
    expect(records.every((r) => r.origin === 'builtin' && r.updatedAt === null)).toBe(true);
    expect(GlossarySchema.safeParse(records.map((r) => r.entry)).success).toBe(true);
  });

  it('adds an organisation term after the built-ins, marked org, and tells listeners', () => {
    clock.advance(1234);
    const saved = service.save(orgEntry());
    expect(saved).toMatchObject({ origin: 'org', updatedAt: clock.now(), entry: { id: 'pay-gateway' } });
    expect(service.list()).toHaveLength(builtinCount + 1);
    expect(service.list().at(-1)?.entry.id).toBe('pay-gateway');
    expect(changes).toEqual([['pay-gateway']]);
  });

  it('an org term may link to another org term, and deleting the target drops the link', () => {
    service.save(orgEntry('settlement-batch', { related: [] }));
    service.save(orgEntry('pay-gateway', { related: ['settlement-batch', 'latency'] }));
    expect(service.remove('settlement-batch')).toBeNull();
    expect(byId('settlement-batch')).toBeUndefined();
    expect(byId('pay-gateway')?.entry.related).toEqual(['latency']);
    expect(changes.at(-1)?.sort()).toEqual(['pay-gateway', 'settlement-batch']);
  });
});

describe('overrides', () => {
  it('saving a built-in id overrides it; deleting the override restores the built-in', () => {
    const local = { ...builtin('latency'), definition: { ko: '우리 팀 기준 지연 시간', en: 'Latency as our team measures it' } };
    expect(service.save(local).origin).toBe('override');
    expect(byId('latency')?.entry.definition.en).toBe('Latency as our team measures it');
    expect(service.list()).toHaveLength(builtinCount);

    const restored = service.remove('latency');
    expect(restored).toMatchObject({ origin: 'builtin', entry: builtin('latency') });
    expect(byId('latency')?.origin).toBe('builtin');
  });

  it('saving the built-in text again is a restore, not a frozen copy', () => {
    service.save({ ...builtin('dns'), acronym: 'DNS!' });
    expect(service.save(builtin('dns')).origin).toBe('builtin');
    expect(service.exportFile({ format: 'json', scope: 'org' }).content).not.toContain('"dns"');
  });

  it('a built-in without an override cannot be deleted (BUILTIN_ENTRY); an unknown id is NOT_FOUND', () => {
    expect(codeOf(() => service.remove('latency'))).toBe('BUILTIN_ENTRY');
    expect(codeOf(() => service.remove('no-such-term'))).toBe('NOT_FOUND');
    expect(service.list()).toHaveLength(builtinCount);
  });
});

describe('validation', () => {
  it.each([
    ['an empty Korean definition', { definition: { ko: ' ', en: 'x' } }],
    ['a non-https source', { source: { title: 'wiki', url: 'http://wiki.example.com/x' } }],
    ['an id that is not kebab-case', { id: 'Pay Gateway' }],
    ['an unknown category', { category: 'gossip' }],
    ['a two-line term', { term: { ko: '결제\n게이트웨이', en: 'Payment gateway' } }],
    ['no place it appears', { appearsIn: [] }],
    ['an extra field', { colour: 'red' }],
  ])('refuses %s with GLOSSARY_INVALID and stores nothing', (_name, over) => {
    expect(codeOf(() => service.save({ ...orgEntry(), ...over } as GlossaryEntry))).toBe('GLOSSARY_INVALID');
    expect(service.list()).toHaveLength(builtinCount);
    expect(changes).toEqual([]);
  });

  it('refuses related terms that do not exist or point at the entry itself', () => {
    expect(codeOf(() => service.save(orgEntry('pay-gateway', { related: ['no-such-term'] })))).toBe('GLOSSARY_INVALID');
    expect(codeOf(() => service.save(orgEntry('pay-gateway', { related: ['pay-gateway'] })))).toBe('GLOSSARY_INVALID');
  });
});

describe('persistence', () => {
  it('org terms and overrides survive closing and reopening the store', () => {
    service.save(orgEntry());
    service.save({ ...builtin('cdn'), acronym: 'CDN*' });
    const before = service.list();
    store.close();
    open();
    expect(service.list()).toEqual(before);
  });
});

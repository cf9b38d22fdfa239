import { describe, expect, it } from 'vitest';
import { CONTRACT_PARTS, EVENT_NAMES, METHOD_ACCESS, METHOD_NAMES, METHOD_SPECS } from '../../../src/shared/api';

describe('the contract parts', () => {
  it('every method belongs to exactly one part, and so does every event', () => {
    const methods = CONTRACT_PARTS.flatMap((part) => Object.keys(part.methods));
    const events = CONTRACT_PARTS.flatMap((part) => Object.keys(part.events));
    expect(new Set(methods).size).toBe(methods.length);
    expect(new Set(events).size).toBe(events.length);
    expect([...methods].sort()).toEqual([...METHOD_NAMES].sort());
    expect([...events].sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('every method is marked read or write, in its part', () => {
    for (const name of METHOD_NAMES) expect(['read', 'write'], name).toContain(METHOD_SPECS[name].access);
  });

  it('methods whose names say they change something are writes', () => {
    const changing = /^(save|delete|create|apply|import|set|trust|test|add|remove|update|rotate|ack|acknowledge|silence|send|retry|resolve)[A-Z]/;
    for (const name of METHOD_NAMES.filter((n) => changing.test(n))) expect(METHOD_ACCESS[name], name).toBe('write');
  });

  it('reading local files or logging in somewhere is for operators only', () => {
    expect(METHOD_ACCESS.previewSshConfigImport).toBe('write');
    expect(METHOD_ACCESS.testConnection).toBe('write');
  });

  it('the wall can read what it shows', () => {
    for (const name of ['getAppInfo', 'getOverview', 'getSnapshot', 'getSeries', 'listIncidents', 'getIncident'] as const) expect(METHOD_ACCESS[name], name).toBe('read');
  });
});

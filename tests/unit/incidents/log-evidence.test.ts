import { describe, expect, it } from 'vitest';
import { parseIncidentCommand } from '../../../src/shared/incidents';
import { DEFAULT_PLAYBOOK } from '../../../src/main/engine/incidents/default-playbook';
import { describeTimelineEntry } from '../../../src/main/engine/incidents/timeline-text';
import { apply, openIncident, opsErrorOf, T0 } from './helpers';

const EVIDENCE = {
  checkId: 'c-orders',
  source: 'orders',
  host: 'app-01',
  lines: [
    { ts: T0 - 60_000, level: 'error' as const, text: '2026-12-06 10:00:04 ERROR order 4 failed\n\tat com.example.Orders.pay(Orders.java:42)' },
    { ts: T0 - 30_000, level: 'warn' as const, text: '2026-12-06 10:00:34 WARN retrying' },
  ],
};

describe('log lines as incident evidence', () => {
  it('attaches selected lines to the timeline with their source, and says so in both languages', () => {
    const inc = apply(openIncident(), { type: 'attachLogLines', evidence: EVIDENCE }, T0 + 1_000);
    const entry = inc.timeline.at(-1)!;
    expect(entry).toMatchObject({ kind: 'logs-attached', ts: T0 + 1_000, evidence: EVIDENCE });
    expect(describeTimelineEntry(entry, DEFAULT_PLAYBOOK, 'ko')).toBe('로그 2줄 첨부 (app-01 · orders): 2026-12-06 10:00:04 ERROR order 4 failed');
    expect(describeTimelineEntry(entry, DEFAULT_PLAYBOOK, 'en')).toBe('2 log lines attached (app-01 · orders): 2026-12-06 10:00:04 ERROR order 4 failed');
  });

  it('refuses an empty selection and more than 200 lines', () => {
    expect(() => parseIncidentCommand({ type: 'attachLogLines', evidence: { ...EVIDENCE, lines: [] } })).toThrow(/lines/);
    const many = Array.from({ length: 201 }, () => EVIDENCE.lines[1]!);
    expect(opsErrorOf(() => parseIncidentCommand({ type: 'attachLogLines', evidence: { ...EVIDENCE, lines: many } })).code).toBe('INVALID_COMMAND');
  });
});

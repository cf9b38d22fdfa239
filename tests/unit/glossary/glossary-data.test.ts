// Validates resources/glossary/terms.json: shape, both languages, links, sources, coverage of
// the ids the UI links to, and agreement with the shipped health thresholds.
import { describe, expect, it } from 'vitest';
import raw from '../../../resources/glossary/terms.json';
import defaultThresholds from '../../../resources/rules/default-thresholds.json';
import { GLOSSARY_CATEGORIES, GlossaryEntrySchema, GlossarySchema, parseGlossary, type GlossaryEntry } from '../../../src/shared/glossary';
import { METRICS, type MetricKey } from '../../../src/shared/model';

const entries: GlossaryEntry[] = parseGlossary(raw);
const byId = new Map(entries.map((e) => [e.id, e]));

/** Ids the status chips, the incident playbook and the reports link to. */
const REQUIRED_IDS = [
  'status-ok', 'status-warn', 'status-crit', 'status-unknown', 'stale-data',
  'incident', 'problem', 'change', 'severity', 'sev1', 'sev2', 'sev3', 'sev4', 'escalation',
  'incident-commander', 'communications-lead', 'scribe', 'resolver',
  'post-mortem', 'root-cause', 'capa', 'action-item',
  'mtta', 'mttr', 'mtbf', 'availability', 'nines', 'sla', 'slo', 'sli', 'error-budget',
  'detection', 'impact', 'status-update', 'customer-notice',
  'stage-detection', 'stage-announcement', 'stage-customer-notice', 'stage-recovery',
  'playbook', 'runbook', 'host', 'filesystem', 'ssh', 'agentless', 'host-key', 'fingerprint', 'polling',
  'latency', 'percentile', 'response-time', 'throughput', 'error-rate', 'saturation',
  'deployment', 'rollback', 'hotfix', 'canary', 'dora-metrics', 'deployment-frequency', 'lead-time-for-changes',
  'change-failure-rate', 'failed-deployment-recovery-time',
  'connection-pool', 'database-connections', 'lock', 'deadlock', 'slow-query', 'replication-lag', 'cache-hit-ratio',
  'dns', 'cdn', 'tls-certificate-expiry', 'nps', 'csat', 'kpi',
];

const HANGUL = /[\uAC00-\uD7A3]/;

/** Every bilingual prose pair of an entry, labelled for failure messages. */
function proseOf(e: GlossaryEntry): Array<[string, { ko: string; en: string }]> {
  const pairs: Array<[string, { ko: string; en: string }]> = [
    ['term', e.term],
    ['definition', e.definition],
    ['whyItMatters', e.whyItMatters],
  ];
  if (e.goodLooksLike) {
    pairs.push(['goodLooksLike', e.goodLooksLike]);
    e.goodLooksLike.bands?.forEach((b, i) => pairs.push([`bands[${i}]`, b]));
  }
  if (e.table) {
    pairs.push(['table.caption', e.table.caption]);
    e.table.columns.forEach((c, i) => pairs.push([`table.columns[${i}]`, c]));
  }
  return pairs;
}

describe('glossary data', () => {
  it('parses as a whole glossary (unique ids, resolvable links)', () => {
    expect(GlossarySchema.safeParse(raw).success).toBe(true);
  });

  it.each(entries.map((e) => [e.id, e] as const))('entry %s matches the entry schema', (_id, e) => {
    const result = GlossaryEntrySchema.safeParse(e);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('has at least 130 entries', () => {
    expect(entries.length).toBeGreaterThanOrEqual(130);
  });

  it('uses every category', () => {
    const used = new Set(entries.map((e) => e.category));
    expect([...GLOSSARY_CATEGORIES].filter((c) => !used.has(c))).toEqual([]);
  });

  it('has unique kebab-case ids', () => {
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('fills both languages in every text field', () => {
    const empty: string[] = [];
    for (const e of entries) {
      for (const [field, pair] of proseOf(e)) {
        if (pair.ko.trim() === '') empty.push(`${e.id}.${field}.ko`);
        if (pair.en.trim() === '') empty.push(`${e.id}.${field}.en`);
      }
      e.table?.rows.forEach((row, i) => {
        if (row.ko.some((c) => c.trim() === '') || row.en.some((c) => c.trim() === '')) empty.push(`${e.id}.table.rows[${i}]`);
      });
    }
    expect(empty).toEqual([]);
  });

  it('writes Korean prose in Korean and English prose without Hangul', () => {
    const wrong: string[] = [];
    for (const e of entries) {
      for (const [field, pair] of proseOf(e)) {
        if (field !== 'term' && !field.startsWith('table') && !HANGUL.test(pair.ko)) wrong.push(`${e.id}.${field}.ko has no Hangul`);
        if (HANGUL.test(pair.en)) wrong.push(`${e.id}.${field}.en contains Hangul`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps Korean prose in the polite written style (합니다/입니다체)', () => {
    const notPolite: string[] = [];
    for (const e of entries) {
      for (const field of ['definition', 'whyItMatters'] as const) {
        const ko = e[field].ko;
        if (!/(니다|세요)(\s*\([^)]*\))?\.?$/.test(ko.trim())) notPolite.push(`${e.id}.${field}: …${ko.slice(-12)}`);
      }
    }
    expect(notPolite).toEqual([]);
  });

  it('links only to entries that exist, never to itself, without repeats', () => {
    const broken: string[] = [];
    for (const e of entries) {
      if (new Set(e.related).size !== e.related.length) broken.push(`${e.id}: repeated related id`);
      for (const r of e.related) {
        if (!byId.has(r)) broken.push(`${e.id} → ${r}`);
        if (r === e.id) broken.push(`${e.id} → itself`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('connects every entry to at least two others and lets every entry be reached from another', () => {
    const linked = new Set(entries.flatMap((e) => e.related));
    expect(entries.filter((e) => e.related.length < 2).map((e) => e.id)).toEqual([]);
    expect(entries.filter((e) => !linked.has(e.id)).map((e) => e.id)).toEqual([]);
  });

  it('cites well-formed https sources', () => {
    for (const e of entries) {
      const url = new URL(e.source.url);
      expect(url.protocol, e.id).toBe('https:');
      expect(url.hostname, e.id).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(e.source.title.trim().length, e.id).toBeGreaterThan(3);
    }
  });

  it('explains every metric the host page shows', () => {
    const missing = [...new Set(METRICS.map((m) => m.glossaryId))].filter((id) => !byId.has(id));
    expect(missing).toEqual([]);
  });

  it('contains every id the UI links to', () => {
    expect(REQUIRED_IDS.filter((id) => !byId.has(id))).toEqual([]);
  });

  it('has an entry for 장애 (incident), findable by its Korean name', () => {
    const incident = byId.get('incident');
    expect(incident?.term.ko.includes('장애') || incident?.aliases?.ko?.includes('장애')).toBe(true);
  });

  it('gives every band a comparison against a number (or against the SLO/SLA)', () => {
    for (const e of entries) {
      for (const b of e.goodLooksLike?.bands ?? []) {
        expect(b.range, e.id).toMatch(/\d|SLO|SLA/);
        expect(b.range, e.id).toMatch(/[<>≤≥–]/);
      }
    }
  });
});

describe('glossary bands agree with the shipped health thresholds', () => {
  const glossaryIdOf = (key: MetricKey): string => METRICS.find((m) => m.key === key)!.glossaryId;
  const numbersIn = (ranges: string[]): number[] => ranges.flatMap((r) => (r.match(/\d+(?:\.\d+)?/g) ?? []).map(Number));

  const cases: Array<[string, string, { warn: number; crit: number }]> = [
    ...Object.entries(defaultThresholds.metrics).map(
      ([key, band]) => [key, glossaryIdOf(key as MetricKey), band] as [string, string, { warn: number; crit: number }],
    ),
    ['filesystem', 'filesystem', defaultThresholds.filesystem],
  ];

  it.each(cases)('%s (%s) names the warn and crit thresholds in its bands', (_key, id, band) => {
    const bands = byId.get(id)?.goodLooksLike?.bands ?? [];
    const concerning = bands.find((b) => b.level === 'concerning');
    const critical = bands.find((b) => b.level === 'critical');
    expect(numbersIn(concerning ? [concerning.range] : [])).toContain(band.warn);
    expect(numbersIn(critical ? [critical.range] : [])).toContain(band.crit);
  });

  it('states the staleness rule the engine uses', () => {
    const stale = byId.get('stale-data')!;
    const critical = stale.goodLooksLike?.bands?.find((b) => b.level === 'critical');
    expect(critical?.range).toContain(`${defaultThresholds.staleAfterIntervals} × interval`);
    expect(critical?.range).toContain(`${defaultThresholds.staleMinMs / 1000} s`);
  });
});

describe('the nines table', () => {
  const MINUTES_PER_YEAR = 365.25 * 24 * 60;
  const UNIT_MINUTES: Record<string, number> = { 초: 1 / 60, 분: 1, 시간: 60, 일: 1440, s: 1 / 60, min: 1, h: 60, days: 1440 };
  const minutesOf = (cell: string): number => {
    const m = /([\d.]+)\s*(초|분|시간|일|s|min|h|days)$/.exec(cell);
    if (!m) throw new Error(`cannot read duration ${cell}`);
    return Number(m[1]) * UNIT_MINUTES[m[2]!]!;
  };
  const table = byId.get('nines')!.table!;

  it.each(table.rows.map((r) => [r.en[0]!, r] as const))('%s allows the downtime it says, per month and per year', (_p, row) => {
    const percent = Number(row.en[0]!.replace('%', ''));
    const yearly = ((100 - percent) / 100) * MINUTES_PER_YEAR;
    // Cells are rounded to three significant figures: at most 0.5 % off.
    const relativeError = (cell: string, exact: number): number => Math.abs(minutesOf(cell) - exact) / exact;
    for (const cells of [row.ko, row.en]) {
      expect(relativeError(cells[1]!, yearly / 12)).toBeLessThan(0.006);
      expect(relativeError(cells[2]!, yearly)).toBeLessThan(0.006);
    }
  });

  it('covers 99 % to 99.99 %, including 99.5 % and 99.95 %', () => {
    const targets = table.rows.map((r) => r.en[0]);
    expect(targets).toEqual(expect.arrayContaining(['99 %', '99.5 %', '99.9 %', '99.95 %', '99.99 %']));
  });

  it('quotes the headline figures for three and four nines', () => {
    const nines = byId.get('nines')!;
    for (const figure of ['43.8', '8.77', '4.38', '52.6']) expect(nines.goodLooksLike?.en).toContain(figure);
  });
});

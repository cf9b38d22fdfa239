import { CSV_HEADERS } from '../../../src/main/engine/incidents/report';
import { describe, expect, it } from 'vitest';
import type { Incident, Postmortem, Severity } from '../../../src/shared/incidents';
import { DEFAULT_PLAYBOOK } from '../../../src/main/engine/incidents/default-playbook';
import { draftPostmortem } from '../../../src/main/engine/incidents/postmortem';
import {
  availabilityByService,
  downtimeSeverities,
  durationStats,
  incidentReportRows,
  incidentsBySeverityPerMonth,
  incidentsByServicePerMonth,
  mtta,
  mttr,
  overdueActions,
  toCsv,
} from '../../../src/main/engine/incidents/metrics';
import { apply, MIN, openIncident } from './helpers';

const at = (iso: string) => Date.parse(iso);

/** A record with the times the metrics read; everything else as a fresh incident. */
function incident(id: string, severity: Severity, services: string[], detected: string, ackMin: number | null, resolveMin: number | null): Incident {
  const detectedAt = at(detected);
  return {
    ...openIncident({ id, severity, services }, detectedAt),
    acknowledgedAt: ackMin === null ? null : detectedAt + ackMin * MIN,
    resolvedAt: resolveMin === null ? null : detectedAt + resolveMin * MIN,
    status: resolveMin === null ? 'active' : 'resolved',
  };
}

// Hand-computed data set (times in UTC; KST is +9 h).
const DATA: Incident[] = [
  incident('a', 'SEV1', ['payments'], '2026-01-10T02:00:00Z', 4, 60), //  ack 4,  recover 60
  incident('b', 'SEV2', ['payments', 'login'], '2026-01-20T10:00:00Z', 10, 120), // ack 10, recover 120
  incident('c', 'SEV3', ['login'], '2026-01-31T16:00:00Z', 6, 30), // 2026-02-01 01:00 KST → February
  incident('d', 'SEV2', ['search'], '2026-02-05T00:00:00Z', null, null), // never acknowledged, still open
];

describe('MTTA and MTTR', () => {
  it('mean and median over the incidents that have the times', () => {
    expect(mtta(DATA)).toEqual({ count: 3, meanMs: (20 / 3) * MIN, medianMs: 6 * MIN });
    expect(mttr(DATA)).toEqual({ count: 3, meanMs: 70 * MIN, medianMs: 60 * MIN });
  });

  it('an even count takes the middle two for the median; nothing gives nulls', () => {
    expect(durationStats([1, 2, 10, 20])).toEqual({ count: 4, meanMs: 8.25, medianMs: 6 });
    expect(durationStats([])).toEqual({ count: 0, meanMs: null, medianMs: null });
  });

  it('a period counts incidents by detection time, from inclusive, until exclusive', () => {
    expect(mttr(DATA, { from: at('2026-01-10T02:00:00Z'), until: at('2026-01-20T10:00:00Z') })).toMatchObject({ count: 1, meanMs: 60 * MIN });
  });

  it('an incident walked through the state machine is counted', () => {
    let inc = openIncident({ severity: 'SEV1' }, at('2026-03-01T00:00:00Z'));
    inc = apply(inc, { type: 'acknowledge' }, at('2026-03-01T00:03:00Z'));
    inc = apply(inc, { type: 'resolve' }, at('2026-03-01T00:45:00Z'));
    expect(mtta([inc]).meanMs).toBe(3 * MIN);
    expect(mttr([inc]).meanMs).toBe(45 * MIN);
  });
});

describe('incidents per month', () => {
  it('by severity, with months in the organisation zone', () => {
    expect(incidentsBySeverityPerMonth(DATA)).toEqual([
      { month: '2026-01', severity: 'SEV1', count: 1 },
      { month: '2026-01', severity: 'SEV2', count: 1 },
      { month: '2026-02', severity: 'SEV2', count: 1 },
      { month: '2026-02', severity: 'SEV3', count: 1 },
    ]);
    expect(incidentsBySeverityPerMonth(DATA, 'UTC').filter((r) => r.month === '2026-01')).toHaveLength(3);
  });

  it('by service, an incident on two services counting for each', () => {
    expect(incidentsByServicePerMonth(DATA)).toEqual([
      { month: '2026-01', service: 'login', count: 1 },
      { month: '2026-01', service: 'payments', count: 2 },
      { month: '2026-02', service: 'login', count: 1 },
      { month: '2026-02', service: 'search', count: 1 },
    ]);
  });
});

describe('availability from incident downtime', () => {
  const JANUARY = { from: at('2026-01-01T00:00:00Z'), until: at('2026-02-01T00:00:00Z') };
  const JAN_MS = 31 * 24 * 60 * MIN;

  it('counts SEV1 and SEV2 as downtime by default, per service', () => {
    expect(downtimeSeverities(DEFAULT_PLAYBOOK)).toEqual(['SEV1', 'SEV2']);
    const rows = availabilityByService(DATA, { period: JANUARY, downtimeSeverities: ['SEV1', 'SEV2'], services: ['payments', 'login', 'billing'] });
    expect(rows).toEqual([
      { service: 'billing', downtimeMs: 0, periodMs: JAN_MS, availability: 1, incidents: 0, maintenanceMs: 0 },
      { service: 'login', downtimeMs: 120 * MIN, periodMs: JAN_MS, availability: 1 - 120 / (31 * 24 * 60), incidents: 1, maintenanceMs: 0 },
      { service: 'payments', downtimeMs: 180 * MIN, periodMs: JAN_MS, availability: 1 - 180 / (31 * 24 * 60), incidents: 2, maintenanceMs: 0 },
    ]);
  });

  it('overlapping incidents on one service count once, and windows are clipped to the period', () => {
    const overlap = [
      incident('x', 'SEV1', ['api'], '2026-01-31T23:00:00Z', 1, 120), // runs 60 min into February
      incident('y', 'SEV2', ['api'], '2026-01-31T23:30:00Z', 1, 20), // inside x
    ];
    const [row] = availabilityByService(overlap, { period: JANUARY, downtimeSeverities: ['SEV1', 'SEV2'] });
    expect(row).toMatchObject({ service: 'api', downtimeMs: 60 * MIN, incidents: 2 });
  });

  it('maintenance is neither downtime nor counted time: an incident inside a window costs nothing', () => {
    const during = [incident('m', 'SEV1', ['api'], '2026-01-10T02:00:00Z', 1, 60)];
    const window: [number, number] = [at('2026-01-10T01:30:00Z'), at('2026-01-10T02:30:00Z')];
    const [row] = availabilityByService(during, { period: JANUARY, downtimeSeverities: ['SEV1'], maintenance: new Map([['api', [window]]]) });
    expect(row).toEqual({ service: 'api', downtimeMs: 30 * MIN, periodMs: JAN_MS, maintenanceMs: 60 * MIN, availability: 1 - (30 * MIN) / (JAN_MS - 60 * MIN), incidents: 1 });
  });

  it('an unresolved incident is down until now', () => {
    const [row] = availabilityByService([DATA[3]!], {
      period: { from: at('2026-02-01T00:00:00Z'), until: at('2026-03-01T00:00:00Z') },
      downtimeSeverities: ['SEV2'],
      now: at('2026-02-05T06:00:00Z'),
    });
    expect(row?.downtimeMs).toBe(6 * 60 * MIN);
  });
});

describe('overdue actions across post-mortems', () => {
  it('lists open items past due, most overdue first', () => {
    const base = draftPostmortem(DATA[0]!, at('2026-01-11T00:00:00Z'), 'kim');
    const pms: Postmortem[] = [
      { ...base, actionItems: [{ id: 'a1', title: '경보 임계치 조정', kind: 'corrective', owner: 'lee', dueDate: '2026-02-01', status: 'open', ticket: null }] },
      {
        ...base,
        incidentId: 'b',
        actionItems: [
          { id: 'b1', title: '로그인 이중화', kind: 'preventive', owner: 'park', dueDate: '2026-01-25', status: 'in-progress', ticket: null },
          { id: 'b2', title: '문서 정리', kind: 'preventive', owner: 'park', dueDate: '2026-01-20', status: 'wont-do', ticket: null },
        ],
      },
    ];
    expect(overdueActions(pms, at('2026-02-03T00:00:00Z')).map((r) => [r.incidentId, r.itemId, r.daysOverdue])).toEqual([
      ['b', 'b1', 9],
      ['a', 'a1', 2],
    ]);
  });
});

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, with CRLF rows and a header', () => {
    expect(toCsv([{ a: 'x,y', b: 'say "hi"', c: 'two\nlines' }])).toBe('a,b,c\r\n"x,y","say ""hi""","two\nlines"\r\n');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    const csv = toCsv([{ v: '=HYPERLINK("http://evil")' }, { v: '+1' }, { v: '-2+3' }, { v: '@SUM(A1)' }, { v: '\t=1' }, { v: 'safe = fine' }]);
    expect(csv.split('\r\n').slice(1, -1)).toEqual(['"\'=HYPERLINK(""http://evil"")"', "'+1", "'-2+3", "'@SUM(A1)", "'\t=1", 'safe = fine']);
  });

  it('keeps numbers as numbers (a negative number is not a formula), and empties null', () => {
    expect(toCsv([{ n: -5, m: 1.5, z: null, b: true, u: undefined, inf: Infinity }])).toBe('n,m,z,b,u,inf\r\n-5,1.5,,true,,\r\n');
  });

  it('uses the given columns, or every key in order of appearance; a BOM on request', () => {
    expect(toCsv([{ a: 1 }, { b: 2, a: 3 }])).toBe('a,b\r\n1,\r\n3,2\r\n');
    expect(toCsv([{ a: 1, b: 2 }], ['b'])).toBe('b\r\n2\r\n');
    expect(toCsv([{ 제목: '결제' }], undefined, { bom: true })).toBe('\uFEFF제목\r\n결제\r\n');
  });

  it('the incident report rows export cleanly', () => {
    const csv = toCsv(incidentReportRows(DATA), undefined, { headers: CSV_HEADERS });
    expect(csv.split('\r\n')[0]).toBe('장애 번호 / Incident,제목 / Title,심각도 / Severity,상태 / Status,서비스 / Services,감지일 / Detected on,확인까지 걸린 초 / Seconds to acknowledge,복구까지 걸린 초 / Seconds to recover,다시 연 횟수 / Times reopened');
    expect(csv).toContain('b,결제 API 오류 증가,SEV2,resolved,payments login,2026-01-20,600,7200,0');
    expect(csv).toContain('d,결제 API 오류 증가,SEV2,active,search,2026-02-05,,,0');
  });
});

import { describe, expect, it } from 'vitest';
import type { MaintenanceWindow } from '../../../src/shared/alerts';
import { checkSchedule, isWindowActive, nextWindowStart, windowIntervals } from '../../../src/main/engine/alerts/maintenance-schedule';

const H = 3_600_000;
// Sunday 4 January 2026, 00:00 in Seoul (UTC+9).
const SUNDAY = Date.UTC(2026, 0, 3, 15, 0);
const base = { timeZone: 'Asia/Seoul', createdAt: SUNDAY - 30 * 24 * H, deletedAt: null } satisfies Partial<MaintenanceWindow>;

describe('maintenance windows', () => {
  it('a one-off window is active between its start and its end only', () => {
    const w = { ...base, schedule: { kind: 'once' as const, startsAt: SUNDAY, endsAt: SUNDAY + H } };
    expect(isWindowActive(w, SUNDAY - 1)).toBe(false);
    expect(isWindowActive(w, SUNDAY)).toBe(true);
    expect(isWindowActive(w, SUNDAY + H - 1)).toBe(true);
    expect(isWindowActive(w, SUNDAY + H)).toBe(false);
  });

  it('a weekly window recurs on its days at its local time, in its time zone', () => {
    const w = { ...base, schedule: { kind: 'weekly' as const, days: [0], time: '02:00', durationMs: 2 * H } };
    expect(isWindowActive(w, SUNDAY + 2 * H + 60_000)).toBe(true);
    expect(isWindowActive(w, SUNDAY + 4 * H + 1)).toBe(false);
    expect(isWindowActive(w, SUNDAY + 7 * 24 * H + 3 * H)).toBe(true);
    expect(isWindowActive(w, SUNDAY + 24 * H + 3 * H)).toBe(false);
    expect(windowIntervals(w, SUNDAY, SUNDAY + 14 * 24 * H)).toEqual([
      [SUNDAY + 2 * H, SUNDAY + 4 * H],
      [SUNDAY + 7 * 24 * H + 2 * H, SUNDAY + 7 * 24 * H + 4 * H],
    ]);
  });

  it('a monthly window and a cron window are computed by the cron parser', () => {
    const monthly = { ...base, schedule: { kind: 'monthly' as const, dayOfMonth: 4, time: '01:30', durationMs: H } };
    expect(isWindowActive(monthly, SUNDAY + 1.75 * H)).toBe(true);
    expect(nextWindowStart(monthly, SUNDAY + 3 * H)).toBe(Date.UTC(2026, 1, 3, 16, 30));
    const cron = { ...base, schedule: { kind: 'cron' as const, expression: '*/15 * * * *', durationMs: 5 * 60_000 } };
    expect(isWindowActive(cron, SUNDAY + 16 * 60_000)).toBe(true);
    expect(isWindowActive(cron, SUNDAY + 21 * 60_000)).toBe(false);
  });

  it('a window that is still running at the start of a period counts from there, and a removed one stops', () => {
    const w = { ...base, schedule: { kind: 'weekly' as const, days: [0], time: '02:00', durationMs: 2 * H } };
    expect(windowIntervals(w, SUNDAY + 3 * H, SUNDAY + 5 * H)).toEqual([[SUNDAY + 3 * H, SUNDAY + 4 * H]]);
    expect(windowIntervals({ ...w, deletedAt: SUNDAY + 2.5 * H }, SUNDAY, SUNDAY + 30 * 24 * H)).toEqual([[SUNDAY + 2 * H, SUNDAY + 2.5 * H]]);
  });

  it('refuses a broken cron expression and an unknown time zone with INVALID_ARGUMENT', () => {
    expect(() => checkSchedule({ kind: 'cron', expression: '61 * * * * *', durationMs: H }, 'Asia/Seoul')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => checkSchedule({ kind: 'once', startsAt: 0, endsAt: 1 }, 'Mars/Olympus')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

// Disk-full forecasts per filesystem, refreshed from stored history at most once a minute per
// host (a trend over hours does not change between two polls). The forecast rule reads them as
// the derived series fs.fullIn:<mount>; the host page draws them on the disk chart.
import type { DiskForecast } from '../../../shared/alerts';
import type { Snapshot } from '../../../shared/model';
import { forecastDiskFull, type ForecastOptions } from '../rules/disk-forecast';

export interface ForecasterOptions extends ForecastOptions {
  /** How much history is fitted. */
  windowMs: number;
  /** At most one refresh per host this often. */
  everyMs: number;
}

export const DEFAULT_FORECAST: ForecasterOptions = { windowMs: 6 * 3_600_000, everyMs: 60_000, minPoints: 10, minSpanMs: 15 * 60_000 };

export class Forecaster {
  private readonly byTarget = new Map<string, { at: number; forecasts: Map<string, DiskForecast> }>();

  constructor(
    private readonly history: (targetId: string, key: string, windowMs: number) => Array<[number, number | null]>,
    readonly options: ForecasterOptions = DEFAULT_FORECAST,
  ) {}

  /** Refreshes the host's forecasts when they are due; returns them. */
  refresh(snapshot: Snapshot, now: number): ReadonlyMap<string, DiskForecast> {
    const current = this.byTarget.get(snapshot.targetId);
    if (current && now - current.at < this.options.everyMs) return current.forecasts;
    const forecasts = new Map<string, DiskForecast>();
    for (const fs of snapshot.filesystems ?? []) {
      const points = this.history(snapshot.targetId, `fs.used:${fs.mount}`, this.options.windowMs);
      // The reading of this poll may not be stored yet: the newest point is the one in hand.
      if (!points.length || points.at(-1)![0] < snapshot.ts) points.push([snapshot.ts, fs.usedPercent]);
      const f = forecastDiskFull(fs.mount, points, this.options);
      if (f) forecasts.set(fs.mount, f);
    }
    this.byTarget.set(snapshot.targetId, { at: now, forecasts });
    return forecasts;
  }

  get(targetId: string): ReadonlyMap<string, DiskForecast> {
    return this.byTarget.get(targetId)?.forecasts ?? new Map();
  }

  forget(targetId: string): void {
    this.byTarget.delete(targetId);
  }
}

// PURE disk-full forecast: a Theil–Sen line (the median of the slopes between pairs of points)
// through a filesystem's recent usage, and when that line reaches 100 %. Theil–Sen ignores up
// to ~29 % outliers (a log rotated, a temporary file) where least squares would be pulled off.
import type { DiskForecast } from '../../../shared/alerts';

/** Pairs grow with the square of the points: above this, points are thinned to bucket medians. */
export const MAX_FIT_POINTS = 160;
/** A drop this large (percentage points) means files were deleted: only what follows is fitted. */
export const RESET_DROP = 5;
/** The cap of "seconds until full" for a filesystem that is not filling (about 10 years). */
export const NOT_FILLING_SECONDS = 315_360_000;

export interface ForecastOptions {
  /** Fewer points than this: no forecast. */
  minPoints: number;
  /** Points spanning less than this: no forecast (a few minutes of noise is no trend). */
  minSpanMs: number;
}

function median(values: ArrayLike<number>): number {
  // A typed array sorts numerically without a comparator: several times faster for the pairs.
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Theil–Sen: slope = median of pairwise slopes, intercept = median of y - slope·x. */
export function theilSen(points: ReadonlyArray<readonly [number, number]>): { slope: number; intercept: number } | null {
  if (points.length < 2) return null;
  const all = new Float64Array((points.length * (points.length - 1)) / 2);
  let n = 0;
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const dx = points[j]![0] - points[i]![0];
      if (dx !== 0) all[n++] = (points[j]![1] - points[i]![1]) / dx;
    }
  }
  if (!n) return null;
  const slope = median(all.subarray(0, n));
  const intercept = median(points.map(([x, y]) => y - slope * x));
  return { slope, intercept };
}

/** Keeps at most `max` points: the median time and value of equal-count buckets. */
export function thin(points: ReadonlyArray<readonly [number, number]>, max: number): Array<[number, number]> {
  if (points.length <= max) return points.map(([x, y]) => [x, y]);
  const out: Array<[number, number]> = [];
  const size = points.length / max;
  for (let b = 0; b < max; b++) {
    const bucket = points.slice(Math.floor(b * size), Math.floor((b + 1) * size));
    if (bucket.length) out.push([median(bucket.map((p) => p[0])), median(bucket.map((p) => p[1]))]);
  }
  return out;
}

/** The points after the last large drop (a clean-up starts a new trend). */
export function sinceLastReset(points: ReadonlyArray<readonly [number, number]>): Array<readonly [number, number]> {
  let start = 0;
  for (let i = 1; i < points.length; i++) if (points[i - 1]![1] - points[i]![1] >= RESET_DROP) start = i;
  return points.slice(start);
}

/**
 * The forecast for one filesystem from its usage history (ms, percent used), oldest first.
 * Null when there is too little history to call it a trend.
 */
export function forecastDiskFull(mount: string, history: ReadonlyArray<readonly [number, number | null]>, opts: ForecastOptions): DiskForecast | null {
  const clean = history.filter((p): p is [number, number] => p[1] !== null && Number.isFinite(p[1]));
  const recent = sinceLastReset(clean);
  if (recent.length < Math.max(2, opts.minPoints)) return null;
  const from = recent[0]![0];
  const until = recent.at(-1)![0];
  if (until - from < opts.minSpanMs) return null;
  // Times relative to the first point keep the products small enough for doubles.
  const fit = theilSen(thin(recent, MAX_FIT_POINTS).map(([x, y]) => [x - from, y] as const));
  if (!fit) return null;
  const slopePerMs = fit.slope;
  const valueAtEnd = fit.intercept + slopePerMs * (until - from);
  const fullAt = slopePerMs > 0 ? from + (100 - fit.intercept) / slopePerMs : null;
  return {
    mount,
    slopePerHour: slopePerMs * 3_600_000,
    valueAtEnd,
    fittedFrom: from,
    fittedUntil: until,
    points: recent.length,
    fullAt: fullAt === null ? null : Math.max(until, fullAt),
  };
}

/** Seconds from `now` until full, for the forecast rule; capped when not filling. */
export function secondsUntilFull(forecast: DiskForecast, now: number): number {
  if (forecast.fullAt === null) return NOT_FILLING_SECONDS;
  return Math.min(NOT_FILLING_SECONDS, Math.max(0, (forecast.fullAt - now) / 1000));
}

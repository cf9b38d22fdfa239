// PURE: how a log source's errors this minute compare with its own usual rate. The usual rate is
// an exponentially weighted mean with a half-life in time (recent hours count most); a source
// that usually logs almost no errors is judged against at least one a minute, so a single error
// after a quiet night is not "infinitely unusual". Null until the mean has seen enough minutes.

export interface ErrorBaseline {
  mean: number;
  samples: number;
  lastTs: number;
}

export interface BaselineOptions {
  halfLifeMs: number;
  /** Readings before the ratio means anything. */
  warmupSamples: number;
  /** The usual rate is never taken as lower than this (errors per minute). */
  floor: number;
}

export const ERROR_BASELINE: BaselineOptions = { halfLifeMs: 6 * 3_600_000, warmupSamples: 30, floor: 1 };

export function nextBaseline(b: ErrorBaseline | null, value: number, ts: number, halfLifeMs: number): ErrorBaseline {
  if (!b) return { mean: value, samples: 1, lastTs: ts };
  const dt = Math.max(0, ts - b.lastTs);
  // A plain running average until the half-life has enough readings behind it.
  const alpha = Math.max(1 - Math.exp((-dt * Math.LN2) / Math.max(1, halfLifeMs)), 1 / (b.samples + 1));
  return { mean: b.mean + alpha * (value - b.mean), samples: b.samples + 1, lastTs: ts };
}

/** This reading against the usual rate before it: 5 means five times the usual. */
export function errorsVsUsual(b: ErrorBaseline | null, value: number, opts: BaselineOptions = ERROR_BASELINE): number | null {
  if (!b || b.samples < opts.warmupSamples || !Number.isFinite(value)) return null;
  return value / Math.max(b.mean, opts.floor);
}

// PURE: the "usual" band of a series (EWMA mean ± deviations × spread), computed over its
// history the same way `unusual` rules judge each reading, for the host page's charts.
import type { BaselineBand } from '../../../shared/alerts';
import { updateBaseline, type BaselineState } from './alert-machine';

export function baselineBand(
  key: string,
  points: ReadonlyArray<readonly [number, number | null]>,
  opts: { deviations: number; halfLifeMs: number; warmupSamples: number },
): BaselineBand {
  let b: BaselineState | null = null;
  const out: BaselineBand['points'] = [];
  for (const [ts, value] of points) {
    // The band at a point is what was usual before it, as the rule sees it.
    if (b && b.samples >= opts.warmupSamples) {
      const spread = Math.max(Math.sqrt(b.variance), Math.abs(b.mean) * 0.01, 1e-9);
      out.push([ts, b.mean - opts.deviations * spread, b.mean + opts.deviations * spread]);
    } else out.push([ts, null, null]);
    if (value !== null && Number.isFinite(value)) b = updateBaseline(b, value, ts, opts.halfLifeMs);
  }
  return { key, deviations: opts.deviations, points: out };
}

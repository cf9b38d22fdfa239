// PURE: how often a rule would have fired over stored history ("이 규칙이었다면 어제 3번
// 울렸습니다"), by running the same alert machine over the stored points.
import { INITIAL_MACHINE, stepAlert, type EffectiveRule } from './alert-machine';

export interface PreviewSeries {
  points: ReadonlyArray<readonly [number, number | null]>;
}

/** Firing intervals [start, end | null (still firing at the end)] of one series. */
export function previewFirings(series: PreviewSeries, rule: EffectiveRule): Array<[number, number | null]> {
  let state = INITIAL_MACHINE;
  const intervals: Array<[number, number | null]> = [];
  for (const [ts, value] of series.points) {
    const step = stepAlert(state, { ts, value }, rule);
    state = step.state;
    for (const t of step.transitions) {
      if (t.kind === 'firing' && !t.resumed) intervals.push([t.ts, null]);
      if (t.kind === 'resolved' && intervals.length) intervals[intervals.length - 1]![1] = t.ts;
    }
  }
  return intervals;
}

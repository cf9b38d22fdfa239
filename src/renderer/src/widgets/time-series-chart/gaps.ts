// A missing reading is a gap, never a line drawn across it. The engine marks missing readings
// with null; a stretch with no points at all (engine stopped, host down) becomes a null too.
export type Point = [number, number | null];

/** Typical spacing of the points: the median step, robust to the odd late sample. */
export function typicalStepMs(points: readonly Point[]): number | null {
  const steps: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const step = (points[i] as Point)[0] - (points[i - 1] as Point)[0];
    if (step > 0) steps.push(step);
  }
  if (steps.length === 0) return null;
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] as number;
}

/** Inserts a null after every silence longer than `factor` times the expected step. */
export function breakLongSilences(points: readonly Point[], expectedStepMs: number | null, factor = 3): Point[] {
  if (expectedStepMs === null || points.length < 2) return [...points];
  const out: Point[] = [];
  for (let i = 0; i < points.length; i++) {
    const point = points[i] as Point;
    const prev = points[i - 1];
    if (prev && point[0] - prev[0] > expectedStepMs * factor && prev[1] !== null) {
      out.push([prev[0] + expectedStepMs, null]);
    }
    out.push(point);
  }
  return out;
}

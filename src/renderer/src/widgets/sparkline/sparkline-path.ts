// Pure: an SVG path for a sparkline. null readings break the line instead of dropping to 0.
export interface SparklineGeometry {
  width: number;
  height: number;
  /** Fixed scale maximum (100 for percentages); otherwise the largest value. */
  max?: number;
}

export function sparklinePath(values: ReadonlyArray<number | null>, geometry: SparklineGeometry): string {
  const { width, height } = geometry;
  if (values.length === 0) return '';
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const max = geometry.max ?? Math.max(...finite, 0);
  const scale = max > 0 ? max : 1;
  const stepX = values.length > 1 ? width / (values.length - 1) : 0;
  let path = '';
  let penDown = false;
  values.forEach((value, i) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      penDown = false;
      return;
    }
    const x = values.length > 1 ? i * stepX : width;
    const clamped = Math.min(Math.max(value, 0), scale);
    const y = height - (clamped / scale) * height;
    path += `${penDown ? 'L' : 'M'}${round(x)} ${round(y)}`;
    penDown = true;
  });
  return path;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

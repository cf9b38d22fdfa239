// Value-axis ticks for byte quantities. Decimal "nice" steps on a binary unit give labels like
// "28.6 MB/s"; power-of-two steps land on whole binary units: 64, 128, 192, 256 MB/s.
const BINARY_STEPS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

export interface AxisScale {
  max: number;
  interval: number;
}

export function binaryAxisScale(dataMax: number, targetTicks = 4): AxisScale {
  if (!(dataMax > 0) || !Number.isFinite(dataMax)) return { max: 1024, interval: 256 };
  const rawStep = dataMax / targetTicks;
  const power = 1024 ** Math.max(0, Math.floor(Math.log(rawStep) / Math.log(1024)));
  const step = (BINARY_STEPS.find((s) => s * power >= rawStep) ?? 1024) * power;
  return { max: Math.ceil(dataMax / step) * step, interval: step };
}

import { sparklinePath } from './sparkline-path';

interface Props {
  values: ReadonlyArray<number | null> | undefined;
  max?: number;
  width?: number;
  height?: number;
  testId?: string;
}

/** A decorative trend line; the number beside it carries the meaning. */
export function Sparkline({ values, max, width = 96, height = 24, testId }: Props) {
  const d = sparklinePath(values ?? [], { width, height: height - 2, ...(max === undefined ? {} : { max }) });
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 -1 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true" data-testid={testId}>
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

// One host's procfs metrics from poll to poll: keeps the baselines that the pure math in
// parsers/proc-metrics.ts returns and hands them back on the next poll. Used for this
// computer and for every SSH host, so both get the same rates, resets and reboot handling.

import { NO_PROC_BASELINES, procMetrics, type ProcReading, type ProcTexts } from '../parsers/proc-metrics';

export function createProcMetricsReader(): (texts: ProcTexts, ts: number) => ProcReading {
  let baselines = NO_PROC_BASELINES;
  return (texts, ts) => {
    const next = procMetrics(texts, ts, baselines);
    baselines = next.baselines;
    return next.reading;
  };
}

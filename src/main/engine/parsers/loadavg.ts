// /proc/loadavg: "0.65 0.38 0.16 1/88 4615" (1, 5 and 15 minute load, runnable/total
// scheduling entities, last pid). On Linux the load counts tasks in uninterruptible disk
// wait too, so a high load with an idle CPU usually means storage trouble.

import { fields, parseCounter, parseDecimal } from './numbers';

export interface LoadAvg {
  load1: number;
  load5: number;
  load15: number;
  running: number | null;
  total: number | null;
  lastPid: number | null;
}

export function parseLoadavg(text: string): LoadAvg | null {
  const [one, five, fifteen, entities, lastPid] = fields(text.split('\n')[0] ?? '');
  const load1 = parseDecimal(one);
  const load5 = parseDecimal(five);
  const load15 = parseDecimal(fifteen);
  if (load1 === null || load5 === null || load15 === null) return null;
  const [running, total] = (entities ?? '').split('/');
  return {
    load1,
    load5,
    load15,
    running: parseCounter(running),
    total: parseCounter(total),
    lastPid: parseCounter(lastPid),
  };
}

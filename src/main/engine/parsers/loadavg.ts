// /proc/loadavg: "0.65 0.38 0.16 1/88 4615" (1, 5 and 15 minute load, runnable/total
// scheduling entities, last pid). On Linux the load counts tasks in uninterruptible disk
// wait too, so a high load with an idle CPU usually means storage trouble.

import { counterAt, decimalAt, lineEnd, TokenScanner } from './numbers';

export interface LoadAvg {
  load1: number;
  load5: number;
  load15: number;
  running: number | null;
  total: number | null;
  lastPid: number | null;
}

export function parseLoadavg(text: string): LoadAvg | null {
  const scan = new TokenScanner(text).reset(0, lineEnd(text, 0));
  const decimal = (): number | null => (scan.next() ? decimalAt(text, scan.start, scan.end) : null);
  const load1 = decimal();
  const load5 = decimal();
  const load15 = decimal();
  if (load1 === null || load5 === null || load15 === null) return null;
  // "runnable/total": the parts before the first and second slash (a third part is ignored).
  let running: number | null = null;
  let total: number | null = null;
  if (scan.next()) {
    const { start, end } = scan;
    const slash = text.indexOf('/', start);
    const runningEnd = slash < 0 || slash >= end ? end : slash;
    running = counterAt(text, start, runningEnd);
    if (runningEnd < end) {
      const second = text.indexOf('/', runningEnd + 1);
      total = counterAt(text, runningEnd + 1, second < 0 || second >= end ? end : second);
    }
  }
  return { load1, load5, load15, running, total, lastPid: scan.next() ? scan.counter() : null };
}

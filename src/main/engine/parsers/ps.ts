// `ps -eo pid=,pcpu=,pmem=,comm=` (procps-ng and busybox): the busiest processes of a host we
// reach over SSH. The command is the rest of the line, so names with spaces survive.

import type { ProcessUsage, TopProcesses } from '../../../shared/model';
import { parseCounter, parseDecimal } from './numbers';

export const TOP_PROCESS_COUNT = 10;

/** One entry per well-formed line; lines that are not `pid %cpu %mem command` are skipped. */
export function parseProcessList(text: string): ProcessUsage[] {
  const out: ProcessUsage[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*(\d+)\s+(\S+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
    if (!match) continue;
    const pid = parseCounter(match[1]);
    const cpu = parseDecimal(match[2]);
    const mem = parseDecimal(match[3]);
    if (pid === null || cpu === null || mem === null || mem > 100) continue;
    out.push({ pid, command: match[4] ?? '', cpuPercent: cpu, memPercent: mem });
  }
  return out;
}

/** The `count` busiest by CPU and by memory; null when the section is missing or lists none. */
export function topProcesses(text: string | null, count = TOP_PROCESS_COUNT): TopProcesses | null {
  const all = text === null ? [] : parseProcessList(text);
  if (all.length === 0) return null;
  return {
    byCpu: [...all].sort((a, b) => b.cpuPercent - a.cpuPercent).slice(0, count),
    byMemory: [...all].sort((a, b) => b.memPercent - a.memPercent).slice(0, count),
  };
}

// /proc/meminfo: `Key:   value kB` lines. Only the fields the dashboards need are kept, in
// bytes. MemAvailable exists since Linux 3.14; older kernels get the estimate free(1) used
// before it (MemFree + Buffers + Cached), which overstates what can really be reclaimed.

import { clampPercent, fields, parseCounter } from './numbers';

export interface MemInfo {
  totalBytes: number;
  availableBytes: number;
  /** False when availableBytes is the pre-3.14 estimate rather than the kernel's own figure. */
  availableFromKernel: boolean;
  freeBytes: number | null;
  swapTotalBytes: number | null;
  swapFreeBytes: number | null;
}

export interface MemoryUsage {
  usedPercent: number | null;
  usedBytes: number | null;
  totalBytes: number | null;
  /** null when the host has no swap: a percentage of nothing is not 0. */
  swapUsedPercent: number | null;
  swapUsedBytes: number | null;
  swapTotalBytes: number | null;
}

function readKiloBytes(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const [amount, unit] = fields(line.slice(colon + 1));
    const n = parseCounter(amount);
    if (n === null) continue;
    // HugePages_* lines are page counts without a unit; everything we read is in kB.
    if (unit !== 'kB') continue;
    values.set(line.slice(0, colon).trim(), n * 1024);
  }
  return values;
}

export function parseMeminfo(text: string): MemInfo | null {
  const kb = readKiloBytes(text);
  const total = kb.get('MemTotal');
  if (total === undefined || total <= 0) return null;

  let available = kb.get('MemAvailable');
  const availableFromKernel = available !== undefined;
  if (available === undefined) {
    const free = kb.get('MemFree');
    if (free === undefined) return null;
    available = free + (kb.get('Buffers') ?? 0) + (kb.get('Cached') ?? 0);
  }
  // A reading larger than the total is not a fact about the host; do not report it.
  if (available > total) return null;

  return {
    totalBytes: total,
    availableBytes: available,
    availableFromKernel,
    freeBytes: kb.get('MemFree') ?? null,
    swapTotalBytes: kb.get('SwapTotal') ?? null,
    swapFreeBytes: kb.get('SwapFree') ?? null,
  };
}

/** Memory and swap usage as the dashboards show them: used = total - available. */
export function memoryUsage(info: MemInfo): MemoryUsage {
  const usedBytes = info.totalBytes - info.availableBytes;
  const usage: MemoryUsage = {
    usedPercent: clampPercent((usedBytes / info.totalBytes) * 100),
    usedBytes,
    totalBytes: info.totalBytes,
    swapUsedPercent: null,
    swapUsedBytes: null,
    swapTotalBytes: null,
  };
  const { swapTotalBytes: swapTotal, swapFreeBytes: swapFree } = info;
  if (swapTotal !== null && swapFree !== null && swapFree <= swapTotal) {
    usage.swapTotalBytes = swapTotal;
    usage.swapUsedBytes = swapTotal - swapFree;
    if (swapTotal > 0) usage.swapUsedPercent = clampPercent(((swapTotal - swapFree) / swapTotal) * 100);
  }
  return usage;
}

// /proc/meminfo: `Key:   value kB` lines. Only the fields the dashboards need are kept, in
// bytes. MemAvailable exists since Linux 3.14; older kernels get the estimate free(1) used
// before it (MemFree + Buffers + Cached), which overstates what can really be reclaimed.

import { clampPercent, isTrimmedSpace, lineEnd, TokenScanner } from './numbers';

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

const KEYS = ['MemTotal', 'MemFree', 'MemAvailable', 'Buffers', 'Cached', 'SwapTotal', 'SwapFree'] as const;
type Key = (typeof KEYS)[number];

/** Which of KEYS text[from, colon) names once trimmed, or undefined. */
function keyAt(text: string, from: number, colon: number): Key | undefined {
  while (from < colon && isTrimmedSpace(text.charCodeAt(from))) from++;
  while (colon > from && isTrimmedSpace(text.charCodeAt(colon - 1))) colon--;
  for (const key of KEYS) if (key.length === colon - from && text.startsWith(key, from)) return key;
  return undefined;
}

/** The kB values of KEYS in bytes (a later line wins, as in a map of every line). */
function readKiloBytes(text: string): Partial<Record<Key, number>> {
  const values: Partial<Record<Key, number>> = {};
  const scan = new TokenScanner(text);
  let colon = -1;
  for (let from = 0, to = 0; from <= text.length; from = to + 1) {
    to = lineEnd(text, from);
    // The next colon is looked up once, not once per line, so colon-less text stays linear.
    if (colon < from) colon = text.indexOf(':', from);
    if (colon < 0) break;
    if (colon === from || colon >= to) continue;
    const key = keyAt(text, from, colon);
    if (key === undefined || !scan.reset(colon + 1, to).next()) continue;
    const n = scan.counter();
    // HugePages_* lines are page counts without a unit; everything we read is in kB.
    if (n === null || !scan.next() || !scan.is('kB')) continue;
    values[key] = n * 1024;
  }
  return values;
}

export function parseMeminfo(text: string): MemInfo | null {
  const kb = readKiloBytes(text);
  const total = kb.MemTotal;
  if (total === undefined || total <= 0) return null;

  let available = kb.MemAvailable;
  const availableFromKernel = available !== undefined;
  if (available === undefined) {
    const free = kb.MemFree;
    if (free === undefined) return null;
    available = free + (kb.Buffers ?? 0) + (kb.Cached ?? 0);
  }
  // A reading larger than the total is not a fact about the host; do not report it.
  if (available > total) return null;

  return {
    totalBytes: total,
    availableBytes: available,
    availableFromKernel,
    freeBytes: kb.MemFree ?? null,
    swapTotalBytes: kb.SwapTotal ?? null,
    swapFreeBytes: kb.SwapFree ?? null,
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

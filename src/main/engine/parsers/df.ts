// Output of `df -kP` / `df -kPl` (GNU coreutils and busybox), optionally with -T. Used for
// hosts we only reach over SSH. The mount point is the rest of the line after the capacity
// column, so mount points with spaces survive. Without -P, GNU and busybox wrap a long
// device name onto its own line; that is joined back. busybox has no -l: callers should
// fall back to `df -kP` and filter with isLocalDataFilesystem (see mounts.ts).

import { parseCounter } from './numbers';

export interface DfEntry {
  device: string;
  /** Only with -T; null otherwise. */
  fsType: string | null;
  sizeBytes: number;
  usedBytes: number;
  availableBytes: number;
  /** As df computes it: used / (used + available to unprivileged users); null when both are 0. */
  usedPercent: number | null;
  mount: string;
}

const ROW = /^(.+?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+%|-)\s+(.+)$/;
const ROW_WITH_TYPE = /^(.+?)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+%|-)\s+(.+)$/;

/** Bytes per block from the header ("1024-blocks", "1K-blocks", "512-blocks"). */
function blockSize(header: string): number | null {
  const match = /\s(\d+)([KMG]?)-blocks\s/i.exec(header);
  if (!match) return null;
  const scale: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
  const bytes = Number(match[1]) * (scale[(match[2] ?? '').toUpperCase()] ?? 1);
  // A garbled header ("9999…9-blocks") is not df output: no size is better than an infinite one.
  return Number.isSafeInteger(bytes) ? bytes : null;
}

/** One entry per filesystem row, or null when the text is not df output (no header). */
export function parseDf(text: string): DfEntry[] | null {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const headerAt = lines.findIndex((l) => /^Filesystem\s/.test(l));
  const header = lines[headerAt];
  if (header === undefined) return null;
  const unit = blockSize(header);
  if (unit === null || unit <= 0) return null;
  const withType = /^Filesystem\s+Type\s/.test(header);

  const entries: DfEntry[] = [];
  let wrappedDevice: string | null = null;
  for (const raw of lines.slice(headerAt + 1)) {
    const line = wrappedDevice !== null ? `${wrappedDevice} ${raw.trimStart()}` : raw;
    const match = (withType ? ROW_WITH_TYPE : ROW).exec(line);
    if (!match) {
      // A lone token is a device name wrapped onto its own line.
      wrappedDevice = /^\S+$/.test(raw) ? raw : null;
      continue;
    }
    wrappedDevice = null;
    const [device, fsType] = withType ? [match[1], match[2]] : [match[1], null];
    const offset = withType ? 3 : 2;
    const size = parseCounter(match[offset]);
    const used = parseCounter(match[offset + 1]);
    const available = parseCounter(match[offset + 2]);
    const mount = match[offset + 4];
    if (device === undefined || mount === undefined || size === null || used === null || available === null) continue;
    const usable = used + available;
    entries.push({
      device,
      fsType: fsType ?? null,
      sizeBytes: size * unit,
      usedBytes: used * unit,
      availableBytes: available * unit,
      usedPercent: usable > 0 ? Math.min(100, (used / usable) * 100) : null,
      mount,
    });
  }
  return entries;
}

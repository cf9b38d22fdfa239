// Disk usage of one mounted filesystem through statfs(2), computed the way df does it.

import { statfs } from 'node:fs/promises';
import type { FilesystemUsage } from '../../../shared/model';
import type { Clock } from '../core/clock';

export interface FilesystemToMeasure {
  mount: string;
  device: string;
  fsType: string;
}

// A local disk answers statfs in microseconds; one that does not within this time is failing
// (a dying USB disk, a stuck FUSE daemon) and must not hold up the rest of the reading.
const STATFS_DEADLINE_MS = 2_000;

export interface StatfsNumbers {
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
}

/**
 * df's definition: used = blocks - free; the percentage is of what unprivileged users can
 * reach (used + bavail), so the root-reserved blocks count as full. null for empty sizes.
 */
export function usageFromStatfs(fs: FilesystemToMeasure, s: StatfsNumbers): FilesystemUsage | null {
  const usedBlocks = s.blocks - s.bfree;
  const usable = usedBlocks + s.bavail;
  if (!(s.blocks > 0) || !(s.bsize > 0) || usedBlocks < 0 || !(usable > 0)) return null;
  return {
    mount: fs.mount,
    device: fs.device,
    fsType: fs.fsType,
    sizeBytes: s.blocks * s.bsize,
    usedBytes: usedBlocks * s.bsize,
    availableBytes: s.bavail * s.bsize,
    usedPercent: Math.min(100, (usedBlocks / usable) * 100),
  };
}

/** Usage of one filesystem, or null when it cannot be measured in time. */
export async function measureFilesystem(fs: FilesystemToMeasure, clock: Clock): Promise<FilesystemUsage | null> {
  let timer: ReturnType<Clock['setTimeout']> | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = clock.setTimeout(() => resolve(null), STATFS_DEADLINE_MS);
  });
  const measured = statfs(fs.mount).then(
    (s) => usageFromStatfs(fs, s),
    () => null,
  );
  try {
    return await Promise.race([measured, deadline]);
  } finally {
    if (timer) clock.clearTimeout(timer);
  }
}

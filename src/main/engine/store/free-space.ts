// Whether the data folder's filesystem has room left, by statfs(2): one syscall on the libuv
// pool, no write and no disk I/O, so it can run every flush tick. Raw readings now wait in memory
// until their 2-minute chunk is over, so a failed write alone would tell of a full disk minutes
// late; this tells within one tick. Quotas, read-only folders and I/O errors only show on real
// writes, which still report them (storage-health.ts).

import { statfs } from 'node:fs/promises';

/**
 * Below this many free bytes the data folder counts as full: a chunk write of a large fleet no
 * longer fits, while 1 MiB is far below what any working disk has free.
 */
export const LOW_SPACE_BYTES = 2 ** 20;

export interface FreeSpaceNumbers {
  bsize: number;
  bfree: number;
  bavail: number;
}

/** Root may write into the blocks reserved for it (bfree); anyone else only into bavail. */
export function isLowOnSpace(s: FreeSpaceNumbers, asRoot: boolean): boolean {
  return (asRoot ? s.bfree : s.bavail) * s.bsize < LOW_SPACE_BYTES;
}

export class FreeSpaceProbe {
  private inFlight = false;
  private readonly asRoot = process.getuid?.() === 0;

  constructor(
    private readonly dir: string,
    private readonly onResult: (lowOnSpace: boolean) => void,
  ) {}

  /**
   * Starts one statfs and reports its answer; none while the last one is still out, so a hung
   * mount holds one pool thread, not all of them. A folder that cannot be measured reports nothing.
   */
  check(): void {
    if (this.inFlight) return;
    this.inFlight = true;
    void statfs(this.dir).then(
      (s) => {
        this.inFlight = false;
        this.onResult(isLowOnSpace(s, this.asRoot));
      },
      () => (this.inFlight = false),
    );
  }
}

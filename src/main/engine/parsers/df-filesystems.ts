// The filesystems of a host we reach over SSH, from `df -kPT[l]`: local data filesystems
// only, one per device, chosen by the same rules as /proc/mounts on this computer (mounts.ts).

import type { FilesystemUsage } from '../../../shared/model';
import { parseDf, type DfEntry } from './df';
import { selectLocalFilesystems, type MountEntry } from './mounts';

/** [] when the section is missing or is not df output (busybox's usage text for -l). */
export function filesystemsFromDf(text: string | null): FilesystemUsage[] {
  const entries = text === null ? null : parseDf(text);
  if (!entries) return [];
  // Keyed by the entry itself, not its path: two rows can share a mount point (a mount over
  // another, busybox listing rootfs and /dev/root on "/"), and each must keep its own numbers.
  const rowOf = new Map<MountEntry, DfEntry>(
    entries.map((e) => [{ device: e.device, mount: e.mount, fsType: e.fsType ?? 'unknown', options: [] }, e]),
  );
  const out: FilesystemUsage[] = [];
  for (const m of selectLocalFilesystems([...rowOf.keys()])) {
    const e = rowOf.get(m);
    if (!e || e.usedPercent === null) continue;
    out.push({ mount: e.mount, device: e.device, fsType: m.fsType, sizeBytes: e.sizeBytes, usedBytes: e.usedBytes, availableBytes: e.availableBytes, usedPercent: e.usedPercent });
  }
  return out;
}

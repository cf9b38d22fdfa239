// /proc/diskstats: one line per block device. Disk throughput is summed over whole physical
// disks only, so that one byte written is counted once:
// - partitions (sda1, nvme0n1p1, mmcblk0p2) are skipped when their disk is listed too; a
//   partition whose disk is absent (Xen guests that only see xvda1) counts as the disk;
// - stacked devices (dm-* for LVM/LUKS, md* for software RAID) are skipped: their I/O is
//   already counted on the disks below them;
// - memory- and file-backed devices (loop, ram, zram) and floppies (fd) are skipped.
// Sectors here are always 512 bytes, whatever the device's real sector size.

import { lineEnd, TokenScanner } from './numbers';

export interface DiskCounters {
  name: string;
  readsCompleted: number;
  readBytes: number;
  writesCompleted: number;
  writeBytes: number;
  /** Milliseconds spent doing I/O; null on the short partition lines of kernels < 2.6.25. */
  ioTimeMs: number | null;
}

const SECTOR_BYTES = 512;
const NOT_A_DISK = /^(loop|ram|zram|fd|dm-|md)\d+(p\d+)?$/;

// Disk lines carry 11, 15 or 17 counters; the first 11 are kept, the rest only checked.
const COUNTERS_KEPT = 11;

/**
 * One device line, text[from, to), read in place into `n` (reused from line to line); null
 * unless the major, minor and every token after the name are counters.
 */
function parseLine(scan: TokenScanner, from: number, to: number, n: number[]): DiskCounters | null {
  scan.reset(from, to);
  if (!scan.next() || scan.counter() === null || !scan.next() || scan.counter() === null || !scan.next()) return null;
  const nameStart = scan.start;
  const nameEnd = scan.end;
  let count = 0;
  while (scan.next()) {
    const value = scan.counter();
    if (value === null) return null;
    if (count < COUNTERS_KEPT) n[count] = value;
    count++;
  }
  const at = (i: number): number => n[i] ?? 0;
  if (count === 4) {
    // Partition lines before 2.6.25: reads, sectors read, writes, sectors written.
    return {
      name: scan.text.slice(nameStart, nameEnd),
      readsCompleted: at(0),
      readBytes: at(1) * SECTOR_BYTES,
      writesCompleted: at(2),
      writeBytes: at(3) * SECTOR_BYTES,
      ioTimeMs: null,
    };
  }
  // 11 fields before 4.18, 15 with discards, 17 with flushes (5.5); the first 11 never moved.
  if (count < 11) return null;
  return {
    name: scan.text.slice(nameStart, nameEnd),
    readsCompleted: at(0),
    readBytes: at(2) * SECTOR_BYTES,
    writesCompleted: at(4),
    writeBytes: at(6) * SECTOR_BYTES,
    ioTimeMs: at(9),
  };
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
// A scan instead of /^(.*\d)p\d+$/ and /^(.*\D)\d+$/ (a match array per disk and poll); like
// their ".*", the part before the disk's last character may hold no line terminator.
function hasLineTerminator(s: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/** The disk a partition belongs to, by the kernel's naming rules, or null. */
function parentDisk(name: string, listed: ReadonlySet<string>): string | null {
  let number = name.length;
  while (number > 0 && isDigit(name.charCodeAt(number - 1))) number--;
  if (number === name.length || number === 0) return null;
  // nvme0n1p1, mmcblk0p1, nbd0p1: a "p" separates the number of a disk ending in a digit.
  if (number >= 2 && name.charCodeAt(number - 1) === 112 && isDigit(name.charCodeAt(number - 2)) && !hasLineTerminator(name, number - 2)) {
    const disk = name.slice(0, number - 1);
    if (listed.has(disk)) return disk;
  }
  // sda1, vdb2, xvda1, hda3, dasda1: trailing digits after the disk's letters.
  const disk = name.slice(0, number);
  return listed.has(disk) && !hasLineTerminator(name, number - 1) ? disk : null;
}

export function isWholePhysicalDisk(name: string, listed: ReadonlySet<string>): boolean {
  return !NOT_A_DISK.test(name) && parentDisk(name, listed) === null;
}

/** Counters of the whole physical disks, or null when no line could be read. */
export function parseDiskstats(text: string): DiskCounters[] | null {
  const scan = new TokenScanner(text);
  const listed = new Set<string>();
  // Devices that are never disks are only listed: a partition's parent may be any device.
  const candidates: DiskCounters[] = [];
  const n: number[] = new Array<number>(COUNTERS_KEPT).fill(0);
  for (let from = 0, to = 0; from <= text.length; from = to + 1) {
    to = lineEnd(text, from);
    const counters = parseLine(scan, from, to, n);
    if (!counters) continue;
    listed.add(counters.name);
    if (!NOT_A_DISK.test(counters.name)) candidates.push(counters);
  }
  if (listed.size === 0) return null;
  return candidates.filter((d) => parentDisk(d.name, listed) === null);
}

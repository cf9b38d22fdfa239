import { describe, expect, it } from 'vitest';
import { isWholePhysicalDisk, parseDiskstats } from '../../../src/main/engine/parsers/diskstats';
import { fixture } from './fixture';

const names = (text: string): string[] | undefined => parseDiskstats(text)?.map((d) => d.name);

describe('parseDiskstats', () => {
  it('keeps the virtio disk of a VM and skips loop and zram devices (20-column 6.x format)', () => {
    expect(parseDiskstats(fixture('debian12-kernel6.18-vm/diskstats'))).toEqual([
      { name: 'vda', readsCompleted: 32395, readBytes: 1947778 * 512, writesCompleted: 14845, writeBytes: 3139208 * 512, ioTimeMs: 9676 },
    ]);
  });

  it('keeps nvme and USB disks, skipping their partitions, LUKS/LVM (dm-*), snaps (loop) and zram', () => {
    expect(names(fixture('ubuntu22.04-laptop-kernel5.15/diskstats'))).toEqual(['nvme0n1', 'sda']);
  });

  it('reads the 2.6.18 format and skips its short partition lines, dm, md, ram and floppy', () => {
    const disks = parseDiskstats(fixture('rhel5-kernel2.6.18/diskstats'));
    expect(disks?.map((d) => d.name)).toEqual(['hdc', 'sda']);
    expect(disks?.[1]).toMatchObject({ readsCompleted: 64870, readBytes: 2063214 * 512, writeBytes: 31552184 * 512 });
  });

  it('counts a partition as the disk when its disk is not listed (Xen guests that see only xvda1)', () => {
    const disks = parseDiskstats(' 202 1 xvda1 100 0 800 10 50 0 400 20 0 30 30\n');
    expect(disks?.map((d) => d.name)).toEqual(['xvda1']);
  });

  it('reads a 4-counter partition line when it is the only device', () => {
    expect(parseDiskstats('   8    1 sda1 132 264 1204 928\n')).toEqual([
      { name: 'sda1', readsCompleted: 132, readBytes: 264 * 512, writesCompleted: 1204, writeBytes: 928 * 512, ioTimeMs: null },
    ]);
  });

  it('reads the same counters from the 14-, 18- and 20-field layouts', () => {
    const stats = '10 1 80 5 20 2 160 7 0 12 12';
    for (const extra of ['', ' 0 0 0 0', ' 0 0 0 0 3 4']) {
      expect(parseDiskstats(`8 0 sdb ${stats}${extra}\n`)?.[0]).toMatchObject({ readsCompleted: 10, readBytes: 80 * 512, writesCompleted: 20, writeBytes: 160 * 512 });
    }
  });

  it('returns an empty list when only virtual devices exist, and null when nothing is readable', () => {
    expect(parseDiskstats('7 0 loop0 1 0 2 0 0 0 0 0 0 0 0\n')).toEqual([]);
    expect(parseDiskstats('garbage\n')).toBeNull();
    expect(parseDiskstats('8 0 sda 1 2 x 4 5 6 7 8 9 10 11\n')).toBeNull();
  });
});

describe('isWholePhysicalDisk', () => {
  it('tells partitions from disks by the kernel naming rules', () => {
    const listed = new Set(['sda', 'sda1', 'nvme0n1', 'nvme0n1p2', 'mmcblk0', 'mmcblk0p1', 'mmcblk0boot0', 'dasda', 'dasda1']);
    expect([...listed].filter((n) => isWholePhysicalDisk(n, listed))).toEqual(['sda', 'nvme0n1', 'mmcblk0', 'mmcblk0boot0', 'dasda']);
  });

  it('never counts stacked or memory-backed devices', () => {
    for (const name of ['dm-0', 'md127', 'loop7', 'loop0p1', 'ram15', 'zram0', 'fd0']) {
      expect(isWholePhysicalDisk(name, new Set([name]))).toBe(false);
    }
  });
});

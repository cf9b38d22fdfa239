// Which filesystems of an SSH host are reported, from its df output.
import { describe, expect, it } from 'vitest';
import { filesystemsFromDf } from '../../../src/main/engine/parsers/df-filesystems';
import { fixture } from './fixture';

describe('filesystems from df', () => {
  it('keeps local data filesystems from GNU df -kPTl, including mount points with spaces', () => {
    // The capture's spaced mount is a tmpfs; a USB disk line in the same shape is added to it.
    const text = `${fixture('mount-with-spaces/df-kPT.txt')}/dev/sdb1            exfat        1000       500       500  50% /media/USB DISK\n`;
    const mounts = filesystemsFromDf(text).map((f) => f.mount);
    expect(mounts).toEqual(['/', '/media/USB DISK']);
    expect(filesystemsFromDf(fixture('debian12-kernel6.18-vm/df-kPl.txt')).map((f) => f.mount)).toEqual(['/']);
  });

  it('filters busybox df -kPT (no -l) by type, and gives [] for its usage text', () => {
    expect(filesystemsFromDf(fixture('busybox-1.35-debian12/df-kPT.txt')).map((f) => [f.mount, f.fsType])).toEqual([['/', 'ext4']]);
    expect(filesystemsFromDf(fixture('busybox-1.35-debian12/df-kPl.txt'))).toEqual([]);
    expect(filesystemsFromDf(null)).toEqual([]);
  });

  it('keeps the device and numbers of each row when two filesystems are mounted on the same path', () => {
    // GNU df -kPTl layout; /dev/sdc1 mounted over /dev/sdb1 on /data (hand-written, not a capture).
    const text = [
      'Filesystem     Type 1024-blocks     Used Available Capacity Mounted on',
      '/dev/sda1      ext4    10000000  5000000   5000000      50% /',
      '/dev/sdb1      ext4     1000000   100000    900000      10% /data',
      '/dev/sdc1      xfs      2000000  1800000    200000      90% /data',
    ].join('\n');
    expect(filesystemsFromDf(text).map((f) => [f.device, f.fsType, f.mount, f.usedPercent])).toEqual([
      ['/dev/sda1', 'ext4', '/', 50],
      ['/dev/sdb1', 'ext4', '/data', 10],
      ['/dev/sdc1', 'xfs', '/data', 90],
    ]);
  });

  it('keeps the available column, so size, used and available add up the way df shows them', () => {
    const text = ['Filesystem     Type 1024-blocks     Used Available Capacity Mounted on', '/dev/vda       ext4   264212084 25543596  80847316      25% /'].join('\n');
    const [root] = filesystemsFromDf(text);
    expect(root).toMatchObject({ sizeBytes: 264212084 * 1024, usedBytes: 25543596 * 1024, availableBytes: 80847316 * 1024 });
    expect(Math.round(root!.usedPercent)).toBe(24);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeMountField, parseMounts, selectLocalFilesystems } from '../../../src/main/engine/parsers/mounts';
import { fixture } from './fixture';

const selected = (path: string): Array<[string, string]> | undefined => {
  const entries = parseMounts(fixture(path));
  return entries ? selectLocalFilesystems(entries).map((e) => [e.mount, e.device]) : undefined;
};

describe('parseMounts', () => {
  it('reads device, mount point, type and options', () => {
    const root = parseMounts(fixture('debian12-kernel6.18-vm/mounts'))?.find((e) => e.mount === '/');
    expect(root).toEqual({ device: '/dev/vda', mount: '/', fsType: 'ext4', options: ['rw', 'relatime', 'discard', 'resv_strict', 'resuid=65534', 'resgid=65534'] });
  });

  it('decodes the octal escapes the kernel writes for spaces in mount points', () => {
    const entry = parseMounts(fixture('mount-with-spaces/mounts'))?.find((e) => e.mount.startsWith('/tmp/'));
    expect(entry?.mount).toBe('/tmp/opsdeck fx/My Passport');
  });

  it('returns null for text without mount lines', () => {
    expect(parseMounts('')).toBeNull();
    expect(parseMounts('only two\n')).toBeNull();
  });
});

describe('decodeMountField', () => {
  it('decodes space, tab, newline and backslash and leaves other text alone', () => {
    expect(decodeMountField('/a\\040b\\011c\\012d\\134e')).toBe('/a b\tc\nd\\e');
    expect(decodeMountField('/mnt/데이터\\9')).toBe('/mnt/데이터\\9');
  });
});

describe('selectLocalFilesystems', () => {
  it('keeps only the root disk of the build VM', () => {
    expect(selected('debian12-kernel6.18-vm/mounts')).toEqual([['/', '/dev/vda']]);
  });

  it('skips snaps, network shares, FUSE mounts, pseudo filesystems and a non-root overlay on a laptop', () => {
    expect(selected('ubuntu22.04-laptop-kernel5.15/mounts')).toEqual([
      ['/', '/dev/mapper/vgubuntu-root'],
      ['/boot', '/dev/nvme0n1p2'],
      ['/boot/efi', '/dev/nvme0n1p1'],
      ['/media/me/USB DISK', '/dev/sda1'],
    ]);
  });

  it("keeps a container's overlay root and data volume but not the host files bound into it", () => {
    expect(selected('docker-container/mounts')).toEqual([
      ['/', 'overlay'],
      ['/var/lib/postgresql/data', '/dev/sdb'],
    ]);
  });

  it('skips the rootfs placeholder and NFS home of an old kernel', () => {
    expect(selected('rhel5-kernel2.6.18/mounts')).toEqual([
      ['/', '/dev/root'],
      ['/boot', '/dev/sda1'],
    ]);
  });

  it('measures a device mounted twice once, under its shortest mount path', () => {
    const entries = parseMounts('/dev/sda2 /home btrfs rw 0 0\n/dev/sda2 / btrfs rw 0 0\n/dev/sda2 /var/log btrfs rw 0 0\n')!;
    expect(selectLocalFilesystems(entries).map((e) => e.mount)).toEqual(['/']);
  });

  it('keeps an unfamiliar filesystem on a block device but not on a loop device', () => {
    const entries = parseMounts('/dev/sdc1 /data newfs rw 0 0\n/dev/loop9 /img newfs ro 0 0\nsrv:/x /x newfs rw 0 0\n')!;
    expect(selectLocalFilesystems(entries).map((e) => e.mount)).toEqual(['/data']);
  });
});

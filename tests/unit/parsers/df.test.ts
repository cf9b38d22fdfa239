import { describe, expect, it } from 'vitest';
import { parseDf } from '../../../src/main/engine/parsers/df';
import { fixture } from './fixture';

const KiB = 1024;

/** The Capacity column df printed, to check our percentage against df's own rounding (up). */
function capacities(text: string): number[] {
  return text.split('\n').slice(1).flatMap((l) => /\s(\d+)%\s/.exec(l)?.[1] ?? []).map(Number);
}

describe('parseDf', () => {
  it('reads GNU df -kPl and matches the Capacity column df printed', () => {
    const text = fixture('debian12-kernel6.18-vm/df-kPl.txt');
    const entries = parseDf(text)!;
    expect(entries.map((e) => e.mount)).toEqual(['/dev', '/dev/shm', '/', '/mnt/sandboxing/model_tools_env/v1/python', '/sys/fs/cgroup']);
    expect(entries[2]).toMatchObject({
      device: '/dev/vda', fsType: null, sizeBytes: 264212084 * KiB, usedBytes: 23971976 * KiB, availableBytes: 82418936 * KiB,
    });
    expect(entries.map((e) => Math.ceil(e.usedPercent ?? 0))).toEqual(capacities(text));
  });

  it('reads busybox df -kP, whose columns are laid out differently', () => {
    const text = fixture('busybox-1.35-debian12/df-kP.txt');
    const entries = parseDf(text)!;
    expect(entries).toHaveLength(7);
    expect(entries.find((e) => e.mount === '/')).toMatchObject({ device: '/dev/vda', usedBytes: 23973356 * KiB });
    expect(entries.map((e) => Math.ceil(e.usedPercent ?? 0))).toEqual(capacities(text));
  });

  it('joins a long device name that busybox df -k wraps onto its own line', () => {
    const entries = parseDf(fixture('busybox-1.35-debian12/df-k.txt'))!;
    expect(entries).toHaveLength(7);
    expect(entries[3]).toMatchObject({ device: 'model_tools_unavailable', sizeBytes: 4 * KiB, mount: '/mnt/sandboxing/model_tools_env/v1/python' });
  });

  it('reads the filesystem type column of -T, in busybox and GNU df', () => {
    expect(parseDf(fixture('busybox-1.35-debian12/df-kPT.txt'))?.find((e) => e.mount === '/')?.fsType).toBe('ext4');
    expect(parseDf(fixture('mount-with-spaces/df-kPT.txt'))?.find((e) => e.mount === '/')?.fsType).toBe('ext4');
  });

  it('keeps spaces inside mount points', () => {
    for (const path of ['mount-with-spaces/df-kPl.txt', 'mount-with-spaces/df-kPT.txt']) {
      const entry = parseDf(fixture(path))?.find((e) => e.mount.startsWith('/tmp/'));
      expect(entry).toMatchObject({ mount: '/tmp/opsdeck fx/My Passport', usedBytes: 2932 * KiB, availableBytes: 5260 * KiB });
    }
  });

  it('is null for busybox\'s usage text when asked for -l, which it does not support', () => {
    expect(parseDf(fixture('busybox-1.35-debian12/df-kPl.txt'))).toBeNull();
  });

  it('scales 512-byte blocks, skips stderr lines and reports an empty filesystem as null %', () => {
    const text = [
      'Filesystem 512-blocks Used Available Capacity Mounted on',
      '/dev/sda1 2000 500 1500 25% /',
      "df: '/mnt/gone': Transport endpoint is not connected",
      'none 0 0 0 - /empty',
    ].join('\n');
    expect(parseDf(text)).toEqual([
      { device: '/dev/sda1', fsType: null, sizeBytes: 1000 * KiB, usedBytes: 250 * KiB, availableBytes: 750 * KiB, usedPercent: 25, mount: '/' },
      { device: 'none', fsType: null, sizeBytes: 0, usedBytes: 0, availableBytes: 0, usedPercent: null, mount: '/empty' },
    ]);
  });

  it('handles Windows line endings from some SSH servers', () => {
    const entries = parseDf('Filesystem 1024-blocks Used Available Capacity Mounted on\r\n/dev/sda1 100 10 90 10% /srv\r\n');
    expect(entries?.[0]?.mount).toBe('/srv');
  });
});

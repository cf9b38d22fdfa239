// The facts shown for an SSH host, from uname -snrm and /etc/os-release.
import { describe, expect, it } from 'vitest';
import { hostFacts } from '../../../src/main/engine/parsers/uname';
import { fixture } from './fixture';

describe('host facts', () => {
  it('builds facts from uname -snrm and os-release, with Node-style architecture names', () => {
    expect(hostFacts('Linux web-01 6.1.0-18-amd64 x86_64\n', fixture('debian12-kernel6.18-vm/os-release'))).toEqual({
      hostname: 'web-01',
      os: 'Debian GNU/Linux 12 (bookworm)',
      kernel: '6.1.0-18-amd64',
      arch: 'x64',
    });
    expect(hostFacts('Linux pi 6.6.31+rpt-rpi-v8 aarch64', null)).toMatchObject({ os: 'Linux 6.6.31+rpt-rpi-v8', arch: 'arm64' });
    expect(hostFacts(null, null)).toEqual({ hostname: null, os: null, kernel: null, arch: null });
  });

  it('passes an unknown machine name through as it is, even one that names an object member', () => {
    expect(hostFacts('Linux box 6.1.0 loongarch64', null).arch).toBe('loongarch64');
    expect(hostFacts('Linux box 6.1.0 constructor', null).arch).toBe('constructor');
  });
});

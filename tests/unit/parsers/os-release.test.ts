import { describe, expect, it } from 'vitest';
import { parseOsReleaseName } from '../../../src/main/engine/parsers/os-release';
import { fixture } from './fixture';

describe('parseOsReleaseName', () => {
  it('uses PRETTY_NAME', () => {
    expect(parseOsReleaseName(fixture('debian12-kernel6.18-vm/os-release'))).toBe('Debian GNU/Linux 12 (bookworm)');
  });

  it('falls back to NAME and VERSION, and accepts single quotes and bare values', () => {
    expect(parseOsReleaseName("NAME='Alpine Linux'\nVERSION=3.20.3\n")).toBe('Alpine Linux 3.20.3');
    expect(parseOsReleaseName('NAME="CentOS Linux"\n')).toBe('CentOS Linux');
  });

  it('returns null without a name', () => {
    expect(parseOsReleaseName('ID=debian\n')).toBeNull();
    expect(parseOsReleaseName('')).toBeNull();
  });
});

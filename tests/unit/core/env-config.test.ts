import { describe, expect, it } from 'vitest';
import { readEnvConfig } from '../../../src/main/engine/core/env-config';
import { defaultDataDir } from '../../../src/main/engine/core/paths';

describe('settings from the environment', () => {
  it('retention defaults are left to the store when unset', () => {
    expect(readEnvConfig({})).toEqual({ retention: { rawMs: undefined, rollupMs: undefined } });
  });
  it('hours and days become milliseconds', () => {
    expect(readEnvConfig({ OPSDECK_RAW_RETENTION_HOURS: '12', OPSDECK_ROLLUP_RETENTION_DAYS: '90' }).retention).toEqual({ rawMs: 12 * 3_600_000, rollupMs: 90 * 86_400_000 });
  });
  it('out-of-range values are refused, not clamped', () => {
    expect(() => readEnvConfig({ OPSDECK_ROLLUP_RETENTION_DAYS: '0' })).toThrow(/from 1 to 3650, not "0"/);
    expect(() => readEnvConfig({ OPSDECK_RAW_RETENTION_HOURS: '-5' })).toThrow(/INVALID_CONFIG|from 1 to 720/);
  });
});

describe('data folder', () => {
  it('OPSDECK_DATA_DIR wins; otherwise the folder Electron uses for OpsDeck on each OS', () => {
    expect(defaultDataDir({ OPSDECK_DATA_DIR: '/tmp/x' }, 'linux')).toBe('/tmp/x');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/a/.config' }, 'linux')).toBe('/home/a/.config/OpsDeck');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/OpsDeck$/);
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/OpsDeck$/);
  });
});

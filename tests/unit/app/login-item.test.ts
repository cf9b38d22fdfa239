import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { autostartDesktopEntry, createLoginItem, type LoginItemDeps } from '../../../src/main/app/login-item';

let config: string;
beforeEach(() => {
  config = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-autostart-'));
});
afterEach(() => fs.rmSync(config, { recursive: true, force: true }));

function deps(overrides: Partial<LoginItemDeps>): LoginItemDeps {
  return {
    platform: 'linux',
    isPackaged: true,
    executable: '/opt/OpsDeck/opsdeck',
    args: [],
    env: { XDG_CONFIG_HOME: config },
    getLoginItemSettings: vi.fn(() => ({ openAtLogin: false })),
    setLoginItemSettings: vi.fn(),
    ...overrides,
  };
}

describe('start at login', () => {
  it('is not offered in an unpackaged run, which would register the bare Electron binary', () => {
    const item = createLoginItem(deps({ isPackaged: false }));
    expect(item.supported).toBe(false);
    item.set(true);
    expect(fs.existsSync(path.join(config, 'autostart'))).toBe(false);
  });

  it('on Linux writes and removes an XDG autostart entry, off until turned on', () => {
    const item = createLoginItem(deps({ executable: '/home/ops/Apps/OpsDeck 0.1.0.AppImage', args: ['--kiosk'] }));
    expect(item.supported).toBe(true);
    expect(item.get()).toBe(false);
    item.set(true);
    const file = path.join(config, 'autostart', 'opsdeck.desktop');
    expect(fs.readFileSync(file, 'utf8')).toContain('Exec="/home/ops/Apps/OpsDeck 0.1.0.AppImage" --kiosk\n');
    expect(item.get()).toBe(true);
    item.set(false);
    expect(fs.existsSync(file)).toBe(false);
    expect(item.get()).toBe(false);
  });

  it('quotes what the desktop entry spec reserves', () => {
    expect(autostartDesktopEntry('/opt/a"b$c', [])).toContain('Exec="/opt/a\\"b\\$c"');
    expect(autostartDesktopEntry('/opt/OpsDeck/opsdeck', [])).toContain('Exec=/opt/OpsDeck/opsdeck\n');
  });

  it('on Windows and macOS uses the login item settings (with the kiosk flag on Windows)', () => {
    const win = deps({ platform: 'win32', executable: 'C:\\Program Files\\OpsDeck\\OpsDeck.exe', args: ['--kiosk'] });
    createLoginItem(win).set(true);
    expect(win.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, path: 'C:\\Program Files\\OpsDeck\\OpsDeck.exe', args: ['--kiosk'] });
    const mac = deps({ platform: 'darwin', getLoginItemSettings: vi.fn(() => ({ openAtLogin: true })) });
    const item = createLoginItem(mac);
    expect(item.get()).toBe(true);
    item.set(false);
    expect(mac.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: false });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nullLogger } from '../../../src/main/engine/core/logger';
import { createMainWindow } from '../../../src/main/app/window';
import { DEFAULT_WINDOW_STATE, parseWindowState, readWindowState } from '../../../src/main/app/window-state';
import { BrowserWindow, resetElectronMock, screen } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

const LAPTOP = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT_MONITOR = { x: 1920, y: 0, width: 2560, height: 1400 };

let userDataDir: string;
let stateFile: string;

function open() {
  return createMainWindow({
    renderer: { kind: 'app', root: '/opt/OpsDeck/out/renderer' },
    preloadPath: '/p.js',
    userDataDir,
    kiosk: false,
    logger: nullLogger,
  }) as unknown as BrowserWindow;
}

beforeEach(() => {
  resetElectronMock();
  vi.useFakeTimers();
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-state-'));
  stateFile = path.join(userDataDir, 'window-state.json');
});
afterEach(() => {
  vi.useRealTimers();
  fs.rmSync(userDataDir, { recursive: true, force: true });
});

describe('window bounds', () => {
  it('are saved after a move settles and restored on the next start', () => {
    const first = open();
    first.setBounds({ x: 100, y: 120, width: 1280, height: 800 });
    expect(fs.existsSync(stateFile)).toBe(false); // debounced
    vi.advanceTimersByTime(600);
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8'))).toEqual({ x: 100, y: 120, width: 1280, height: 800, isMaximized: false });
    first.close();

    const second = open();
    expect(second.options).toMatchObject({ x: 100, y: 120, width: 1280, height: 800 });
    expect(second.maximize).not.toHaveBeenCalled();
  });

  it('are written once for a burst of moves', () => {
    const win = open();
    const writes = vi.spyOn(fs, 'writeFileSync');
    for (let i = 0; i < 20; i++) win.setBounds({ x: i * 10 });
    vi.advanceTimersByTime(600);
    expect(writes).toHaveBeenCalledTimes(1);
    writes.mockRestore();
  });

  it('are saved at once when the window closes', () => {
    const win = open();
    win.setBounds({ x: 300, y: 200 });
    win.close();
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8'))).toMatchObject({ x: 300, y: 200 });
  });

  it('remember a maximized window and maximize it again', () => {
    const win = open();
    win.maximize();
    win.close();
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8'))).toMatchObject({ isMaximized: true });
    expect(open().maximize).toHaveBeenCalled();
  });

  it('on a monitor that is no longer connected are ignored: the OS places the window', () => {
    screen.displays = [
      { id: 1, bounds: LAPTOP, workArea: LAPTOP },
      { id: 2, bounds: RIGHT_MONITOR, workArea: RIGHT_MONITOR },
    ];
    const win = open();
    win.setBounds({ x: 2500, y: 100, width: 1400, height: 900 });
    win.close();

    screen.displays = [{ id: 1, bounds: LAPTOP, workArea: LAPTOP }]; // the external monitor is gone
    const next = open();
    expect(next.options.x).toBeUndefined();
    expect(next.options.y).toBeUndefined();
    expect(next.options).toMatchObject({ width: 1400, height: 900 });
  });

  it('barely touching a display (a sliver) count as off-screen', () => {
    const sliver = parseWindowState({ x: 1900, y: 100, width: 1200, height: 800, isMaximized: false }, [LAPTOP]);
    expect(sliver.x).toBeUndefined();
    const visible = parseWindowState({ x: 1500, y: 100, width: 1200, height: 800, isMaximized: false }, [LAPTOP]);
    expect(visible.x).toBe(1500);
  });

  it('from a damaged or hostile file fall back to defaults', () => {
    const displays = [LAPTOP];
    expect(parseWindowState(null, displays)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('1280x800', displays)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ x: 'a', y: 0, width: 1e9, height: -5, isMaximized: 'yes' }, displays)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ x: 0.5, y: 0, width: 1000.5, height: 700, isMaximized: true }, displays)).toEqual({
      width: DEFAULT_WINDOW_STATE.width,
      height: 700,
      isMaximized: true,
    });
    fs.writeFileSync(stateFile, '{"x": 10, "y":');
    expect(readWindowState(stateFile, displays)).toEqual(DEFAULT_WINDOW_STATE);
    expect(readWindowState(path.join(userDataDir, 'missing.json'), displays)).toEqual(DEFAULT_WINDOW_STATE);
  });
});

import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, METHOD_CHANNELS, type RpcResult } from '../../../src/shared/api';
import type { EngineLinkStatus } from '../../../src/shared/desktop-shell';
import type { HealthStatus, OverviewTile } from '../../../src/shared/model';
import { nullLogger } from '../../../src/main/engine/core/logger';
import { StatusTray } from '../../../src/main/app/tray';
import { feedTray } from '../../../src/main/app/tray-feed';
import { TRAY_COLOURS, trayIconPixels, trayIconPng } from '../../../src/main/app/tray-icon';
import { summarizeOverview, trayView, type TrayState } from '../../../src/main/app/tray-view';
import { resetElectronMock, Tray } from './electron-mock';

vi.mock('electron', () => import('./electron-mock'));

function tile(id: string, status: HealthStatus, enabled = true): OverviewTile {
  return { target: { id, name: id, kind: 'ssh', intervalMs: 5000, enabled }, snapshot: null, status, sparklines: {} };
}

const base: TrayState = { worst: 'ok', count: 0, engine: 'running', language: 'ko', startAtLogin: false };

beforeEach(() => resetElectronMock());

describe('tray summary and text', () => {
  it('takes the worst status of enabled targets and counts the critical ones', () => {
    expect(summarizeOverview([])).toEqual({ worst: null, critical: 0 });
    expect(summarizeOverview([tile('a', 'ok'), tile('b', 'warn'), tile('c', 'crit'), tile('d', 'crit'), tile('e', 'crit', false)])).toEqual({ worst: 'crit', critical: 2 });
    // unknown outranks warn, as on the overview
    expect(summarizeOverview([tile('a', 'warn'), tile('b', 'unknown')])).toEqual({ worst: 'unknown', critical: 0 });
  });

  it('speaks Korean and English, with the count beside the status', () => {
    expect(trayView({ ...base, worst: 'crit', count: 3 })).toMatchObject({ iconStatus: 'crit', tooltip: 'OpsDeck — 위험 · 위험 3대', title: '3' });
    expect(trayView({ ...base, worst: 'crit', count: 3, language: 'en' })).toMatchObject({ tooltip: 'OpsDeck — Critical · 3 critical' });
    expect(trayView({ ...base, worst: 'warn' })).toMatchObject({ iconStatus: 'warn', tooltip: 'OpsDeck — 주의', title: '' });
    const menu = trayView({ ...base, language: 'en' }).menu.map((m) => m.label);
    expect(menu).toEqual(['OK', 'Open OpsDeck', 'Start at login', 'Quit OpsDeck']);
    expect(trayView(base).menu.map((m) => m.label)).toEqual(['정상', 'OpsDeck 열기', '로그인할 때 자동 시작', 'OpsDeck 종료']);
  });

  it('shows grey and says so while the engine restarts, whatever it last knew', () => {
    const view = trayView({ ...base, worst: 'crit', count: 2, engine: 'restarting' });
    expect(view).toMatchObject({ iconStatus: 'unknown', tooltip: 'OpsDeck — 엔진 다시 시작 중', title: '' });
    expect(trayView({ ...base, worst: null, engine: 'starting', language: 'en' }).tooltip).toBe('OpsDeck — Engine starting');
    expect(trayView({ ...base, worst: null }).tooltip).toBe('OpsDeck — 감시 중인 대상 없음');
  });

  it('offers start at login only where it is supported', () => {
    expect(trayView({ ...base, startAtLogin: null }).menu.map((m) => m.id)).toEqual(['status', 'show', 'quit']);
    expect(trayView({ ...base, startAtLogin: true }).menu.find((m) => m.id === 'start-at-login')).toMatchObject({ checked: true });
  });
});

describe('tray icon', () => {
  it('is a PNG disc in the status colour with transparent corners', () => {
    const png = trayIconPng('crit', 16);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(16); // IHDR width
    const idat = png.indexOf('IDAT');
    const rows = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect(rows.length).toBe(16 * (16 * 4 + 1));
    const pixels = trayIconPixels('crit', 16);
    const at = (x: number, y: number) => [...pixels.subarray((y * 16 + x) * 4, (y * 16 + x) * 4 + 4)];
    expect(at(0, 0)[3]).toBe(0);
    expect(at(8, 8)).toEqual([...TRAY_COLOURS.crit, 255]);
    expect(trayIconPixels('ok', 32).length).toBe(32 * 32 * 4);
  });
});

describe('status tray', () => {
  it('builds the icon at 1x and 2x, and changes image, tooltip and menu with the state', () => {
    const actions = { show: vi.fn(), quit: vi.fn(), setStartAtLogin: vi.fn() };
    const tray = new StatusTray(actions, { language: 'ko', startAtLogin: false });
    const native = Tray.all[0]!;
    expect(native.image.representations.map((r) => [r.scaleFactor, r.width])).toEqual([
      [1, 16],
      [2, 32],
    ]);
    tray.setEngine('running');
    tray.setWorst('crit');
    tray.setCount(4);
    expect(native.tooltip).toBe('OpsDeck — 위험 · 위험 4대');
    expect(native.setImage).toHaveBeenCalled();
    tray.setLanguage('en');
    expect(native.tooltip).toBe('OpsDeck — Critical · 4 critical');
    const items = native.contextMenu!.items;
    expect(items.map((i) => i.label)).toEqual(['Critical · 4 critical', 'Open OpsDeck', 'Start at login', 'Quit OpsDeck']);
    items.find((i) => i.id === 'show')!.click!();
    expect(actions.show).toHaveBeenCalled();
    items.find((i) => i.id === 'start-at-login')!.click!();
    expect(actions.setStartAtLogin).toHaveBeenCalledWith(true);
    expect(native.contextMenu!.items.find((i) => i.id === 'start-at-login')!.checked).toBe(true);
    native.contextMenu!.items.find((i) => i.id === 'quit')!.click!();
    expect(actions.quit).toHaveBeenCalled();
    tray.destroy();
    tray.destroy();
    expect(native.destroy).toHaveBeenCalledTimes(1);
  });

  it('does not rebuild the image when only the count changes', () => {
    const tray = new StatusTray({ show: vi.fn(), quit: vi.fn() }, { language: 'ko', startAtLogin: null });
    tray.setEngine('running');
    tray.setWorst('crit');
    const native = Tray.all[0]!;
    const images = native.setImage.mock.calls.length;
    tray.setCount(1);
    tray.setCount(2);
    expect(native.setImage.mock.calls.length).toBe(images);
    expect(native.tooltip).toBe('OpsDeck — 위험 · 위험 2대');
  });
});

describe('tray feed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function fakeEngine(tiles: () => OverviewTile[]) {
    const statusListeners = new Set<(s: EngineLinkStatus) => void>();
    const eventListeners = new Set<(c: string, p: unknown) => void>();
    const engine = {
      currentStatus: { state: 'starting' } as EngineLinkStatus,
      invoke: vi.fn(async (channel: string): Promise<RpcResult> => (channel === METHOD_CHANNELS.getOverview ? { ok: true, value: tiles() } : { ok: false, error: { code: 'X', message: 'x' } })),
      onEvent: (l: (c: string, p: unknown) => void) => (eventListeners.add(l), () => eventListeners.delete(l)),
      onStatus: (l: (s: EngineLinkStatus) => void) => (statusListeners.add(l), () => statusListeners.delete(l)),
      setStatus(status: EngineLinkStatus) {
        engine.currentStatus = status;
        for (const l of statusListeners) l(status);
      },
      emit: (channel: string) => eventListeners.forEach((l) => l(channel, {})),
    };
    return engine;
  }

  it('asks nothing until the engine runs, then shows the worst status and the critical count, refreshed', async () => {
    let tiles = [tile('a', 'ok')];
    const engine = fakeEngine(() => tiles);
    const tray = { setWorst: vi.fn(), setCount: vi.fn(), setEngine: vi.fn() };
    const stop = feedTray(engine, tray, { logger: nullLogger, intervalMs: 10_000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.invoke).not.toHaveBeenCalled();
    expect(tray.setEngine).toHaveBeenLastCalledWith('starting');
    engine.setStatus({ state: 'running' });
    await vi.advanceTimersByTimeAsync(0);
    expect(tray.setWorst).toHaveBeenLastCalledWith('ok');
    expect(tray.setCount).toHaveBeenLastCalledWith(0);
    tiles = [tile('a', 'crit'), tile('b', 'crit')];
    await vi.advanceTimersByTimeAsync(10_000);
    expect(tray.setWorst).toHaveBeenLastCalledWith('crit');
    expect(tray.setCount).toHaveBeenLastCalledWith(2);
    tiles = [tile('a', 'warn')];
    engine.emit(EVENT_CHANNELS.onDidChangeTargets);
    await vi.advanceTimersByTimeAsync(0);
    expect(tray.setWorst).toHaveBeenLastCalledWith('warn');
    engine.setStatus({ state: 'restarting', attempt: 1, retryInMs: 1000, exitCode: 1 });
    expect(tray.setEngine).toHaveBeenLastCalledWith('restarting');
    const calls = engine.invoke.mock.calls.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(engine.invoke.mock.calls.length).toBe(calls);
    stop();
  });
});

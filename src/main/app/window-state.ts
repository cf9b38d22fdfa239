// Remembers the main window's size, position and maximized state in userData. Read values
// are validated: a file from another machine or a monitor that is gone must never put the
// window off-screen.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';
import type { Logger } from '../engine/core/logger';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  isMaximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, isMaximized: false };
export const MIN_WINDOW_SIZE = { width: 800, height: 500 };
const MAX_WINDOW_SIDE = 16_384;
// At least this much of the window must lie on a display, so its title bar can be grabbed.
const MIN_VISIBLE_PX = 64;

const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width, height };
}

export function isVisibleOnSomeDisplay(bounds: Rectangle, displayAreas: readonly Rectangle[]): boolean {
  return displayAreas.some((area) => {
    const o = overlap(bounds, area);
    return o.width >= Math.min(MIN_VISIBLE_PX, bounds.width) && o.height >= Math.min(MIN_VISIBLE_PX, bounds.height);
  });
}

/** Turns whatever was in the file into a safe state; a position on no current display is dropped. */
export function parseWindowState(raw: unknown, displayAreas: readonly Rectangle[]): WindowState {
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_WINDOW_STATE };
  const r = raw as Record<string, unknown>;
  const sizeOk = (v: unknown, min: number) => isInt(v) && v >= min && v <= MAX_WINDOW_SIDE;
  const width = sizeOk(r.width, MIN_WINDOW_SIZE.width) ? (r.width as number) : DEFAULT_WINDOW_STATE.width;
  const height = sizeOk(r.height, MIN_WINDOW_SIZE.height) ? (r.height as number) : DEFAULT_WINDOW_STATE.height;
  const state: WindowState = { width, height, isMaximized: r.isMaximized === true };
  if (isInt(r.x) && isInt(r.y) && isVisibleOnSomeDisplay({ x: r.x, y: r.y, width, height }, displayAreas)) {
    state.x = r.x;
    state.y = r.y;
  }
  return state;
}

export function readWindowState(file: string, displayAreas: readonly Rectangle[]): WindowState {
  try {
    return parseWindowState(JSON.parse(fs.readFileSync(file, 'utf8')), displayAreas);
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename: a crash mid-write leaves the previous state, not half a JSON file.
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}

export function captureWindowState(win: BrowserWindow): WindowState {
  // Normal bounds are the restored size, so a maximized window comes back at a useful size.
  const { x, y, width, height } = win.getNormalBounds();
  return { x, y, width, height, isMaximized: win.isMaximized() };
}

/** Saves the state after moves and resizes settle, and once more when the window closes. */
export function trackWindowState(win: BrowserWindow, file: string, logger: Logger, debounceMs = 500): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed()) return;
    try {
      writeWindowState(file, captureWindowState(win));
    } catch (err) {
      logger.log('warn', 'window-state-save-failed', { error: String(err) });
    }
  };
  const saveSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };
  const events = ['resize', 'move', 'maximize', 'unmaximize'] as const;
  for (const name of events) win.on(name as 'resize', saveSoon);
  win.on('close', save);
  return () => {
    if (timer) clearTimeout(timer);
    for (const name of events) win.off(name as 'resize', saveSoon);
    win.off('close', save);
  };
}

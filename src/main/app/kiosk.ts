// Wall mode for NOC screens: a kiosk window without frame or menu, a renderer told to show
// the wall layout, and a display that never goes to sleep.
import { powerSaveBlocker, type BrowserWindowConstructorOptions } from 'electron';

export function isKioskMode(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.includes('--kiosk') || env.OPSDECK_KIOSK === '1';
}

export const KIOSK_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  kiosk: true,
  fullscreen: true,
  frame: false,
  autoHideMenuBar: true,
};

/** The renderer reads `?mode=wall` to pick the wall layout. */
export const WALL_QUERY: Record<string, string> = { mode: 'wall' };

/** A wall with no keyboard must not blank out; returns the blocker id. */
export function keepWallAwake(): number {
  return powerSaveBlocker.start('prevent-display-sleep');
}

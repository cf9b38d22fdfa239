// "Start at login", off until the person turns it on in the tray menu. macOS and Windows keep it
// through Electron's login item settings; Linux desktops read an XDG autostart entry. Offered
// only in a packaged app: an unpackaged run would register the bare Electron binary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LoginItem {
  /** False where it is not offered; get() is then false and set() does nothing. */
  readonly supported: boolean;
  get(): boolean;
  set(on: boolean): void;
}

export interface LoginItemDeps {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** The program to start: the AppImage file when run from one, else the executable. */
  executable: string;
  /** Extra arguments, e.g. --kiosk for a wall. */
  args: string[];
  env: NodeJS.ProcessEnv;
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void;
}

/** One argument of a desktop entry's Exec key, quoted as the spec asks when it must be. */
function desktopExecArgument(arg: string): string {
  if (!/[\s"'\\><~|&;$*?#()`]/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The autostart entry for an XDG desktop (GNOME, KDE, Xfce, ...). */
export function autostartDesktopEntry(executable: string, args: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=OpsDeck',
    `Exec=${[executable, ...args].map(desktopExecArgument).join(' ')}`,
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=false',
    'Terminal=false',
    '',
  ].join('\n');
}

export function autostartFile(env: NodeJS.ProcessEnv): string {
  const configHome = env.XDG_CONFIG_HOME?.trim() || path.join(os.homedir(), '.config');
  return path.join(configHome, 'autostart', 'opsdeck.desktop');
}

export function createLoginItem(deps: LoginItemDeps): LoginItem {
  if (!deps.isPackaged) return { supported: false, get: () => false, set: () => undefined };
  if (deps.platform === 'linux') {
    const file = autostartFile(deps.env);
    return {
      supported: true,
      get: () => fs.existsSync(file),
      set(on) {
        if (!on) return fs.rmSync(file, { force: true });
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, autostartDesktopEntry(deps.executable, deps.args), { mode: 0o644 });
      },
    };
  }
  if (deps.platform === 'darwin' || deps.platform === 'win32') {
    return {
      supported: true,
      get: () => deps.getLoginItemSettings().openAtLogin,
      set: (on) => deps.setLoginItemSettings(deps.platform === 'win32' ? { openAtLogin: on, path: deps.executable, args: deps.args } : { openAtLogin: on }),
    };
  }
  return { supported: false, get: () => false, set: () => undefined };
}

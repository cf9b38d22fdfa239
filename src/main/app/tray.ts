// The tray icon: the fleet's worst status as its colour, a count beside it, and a small menu
// (open, start at login, quit) in the UI's language.
import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import type { EngineLinkStatus, ShellLanguage } from '../../shared/desktop-shell';
import type { HealthStatus } from '../../shared/model';
import { TRAY_ICON_SIZES, trayIconPng } from './tray-icon';
import { trayView, type TrayState, type TrayView } from './tray-view';

export interface TrayActions {
  show(): void;
  quit(): void;
  /** Present only where starting at login is offered. */
  setStartAtLogin?: (on: boolean) => void;
}

function trayImage(status: HealthStatus): NativeImage {
  const image = nativeImage.createEmpty();
  for (const { scaleFactor, size } of TRAY_ICON_SIZES) image.addRepresentation({ scaleFactor, width: size, height: size, buffer: trayIconPng(status, size) });
  return image;
}

export class StatusTray {
  private state: TrayState;
  private shown: TrayView | null = null;
  private readonly tray: Tray;

  constructor(
    private readonly actions: TrayActions,
    initial: Pick<TrayState, 'language' | 'startAtLogin'>,
  ) {
    this.state = { worst: null, count: 0, engine: 'starting', ...initial };
    this.tray = new Tray(trayImage('unknown'));
    // Windows and Linux: a click opens the window; macOS opens the menu, as its users expect.
    this.tray.on('click', () => {
      if (process.platform !== 'darwin') this.actions.show();
    });
    this.render();
  }

  /** The number beside the status: critical targets today, firing alerts once alerting exists. */
  setCount(count: number): void {
    this.update({ count: Math.max(0, Math.floor(count)) });
  }

  setWorst(worst: HealthStatus | null): void {
    this.update({ worst });
  }

  setEngine(engine: EngineLinkStatus['state']): void {
    this.update({ engine });
  }

  setLanguage(language: ShellLanguage): void {
    this.update({ language });
  }

  setStartAtLogin(startAtLogin: boolean | null): void {
    this.update({ startAtLogin });
  }

  get view(): TrayView | null {
    return this.shown;
  }

  destroy(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }

  private update(change: Partial<TrayState>): void {
    this.state = { ...this.state, ...change };
    this.render();
  }

  private render(): void {
    const view = trayView(this.state);
    const before = this.shown;
    this.shown = view;
    if (before?.iconStatus !== view.iconStatus) this.tray.setImage(trayImage(view.iconStatus));
    if (before?.tooltip !== view.tooltip) this.tray.setToolTip(view.tooltip);
    if (process.platform === 'darwin' && before?.title !== view.title) this.tray.setTitle(view.title);
    if (JSON.stringify(before?.menu) === JSON.stringify(view.menu)) return;
    const menu = Menu.buildFromTemplate(
      view.menu.map((item) => {
        if (item.id === 'start-at-login') {
          return { id: item.id, label: item.label, type: 'checkbox' as const, checked: item.checked === true, click: () => this.toggleStartAtLogin() };
        }
        const click = item.id === 'show' ? () => this.actions.show() : item.id === 'quit' ? () => this.actions.quit() : undefined;
        return { id: item.id, label: item.label, enabled: item.enabled, click };
      }),
    );
    this.tray.setContextMenu(menu);
  }

  private toggleStartAtLogin(): void {
    if (this.state.startAtLogin === null || !this.actions.setStartAtLogin) return;
    const next = !this.state.startAtLogin;
    this.actions.setStartAtLogin(next);
    this.update({ startAtLogin: next });
  }
}

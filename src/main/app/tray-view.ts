// What the tray shows, as plain data: the icon's status, the tooltip, the macOS title and the
// menu, in the UI's language. Pure, so every state is tested without Electron.
import type { EngineLinkStatus, ShellLanguage } from '../../shared/desktop-shell';
import { STATUS_SEVERITY, type HealthStatus, type OverviewTile } from '../../shared/model';

export interface OverviewSummary {
  /** The worst status on the overview; null while there are no targets. */
  worst: HealthStatus | null;
  /** Targets currently critical. */
  critical: number;
}

export function summarizeOverview(tiles: readonly OverviewTile[]): OverviewSummary {
  let worst: HealthStatus | null = null;
  let critical = 0;
  for (const tile of tiles) {
    if (!tile.target.enabled) continue;
    if (tile.status === 'crit') critical++;
    if (worst === null || STATUS_SEVERITY[tile.status] > STATUS_SEVERITY[worst]) worst = tile.status;
  }
  return { worst, critical };
}

export interface TrayState {
  worst: HealthStatus | null;
  /**
   * The number next to the status. Today: targets currently critical. When alerting lands,
   * the count of firing alerts goes here instead (and the two `count` texts below change).
   */
  count: number;
  engine: EngineLinkStatus['state'];
  language: ShellLanguage;
  /** null where starting at login is not offered (an unpackaged run, an unsupported OS). */
  startAtLogin: boolean | null;
}

export type TrayMenuItemId = 'status' | 'show' | 'start-at-login' | 'quit';

export interface TrayMenuItem {
  id: TrayMenuItemId;
  label: string;
  enabled: boolean;
  checked?: boolean;
}

export interface TrayView {
  iconStatus: HealthStatus;
  tooltip: string;
  /** Shown next to the icon on macOS only; empty when there is nothing to count. */
  title: string;
  menu: TrayMenuItem[];
}

const TEXT = {
  ko: {
    status: { ok: '정상', warn: '주의', crit: '위험', unknown: '알 수 없음' } as Record<HealthStatus, string>,
    noTargets: '감시 중인 대상 없음',
    engineDown: '엔진 다시 시작 중',
    engineStarting: '엔진 시작 중',
    count: (n: number) => `위험 ${n}대`,
    show: 'OpsDeck 열기',
    startAtLogin: '로그인할 때 자동 시작',
    quit: 'OpsDeck 종료',
  },
  en: {
    status: { ok: 'OK', warn: 'Warning', crit: 'Critical', unknown: 'Unknown' } as Record<HealthStatus, string>,
    noTargets: 'Nothing monitored yet',
    engineDown: 'Engine restarting',
    engineStarting: 'Engine starting',
    count: (n: number) => `${n} critical`,
    show: 'Open OpsDeck',
    startAtLogin: 'Start at login',
    quit: 'Quit OpsDeck',
  },
} as const;

export function trayView(state: TrayState): TrayView {
  const text = TEXT[state.language];
  let line: string;
  let iconStatus: HealthStatus;
  if (state.engine === 'restarting' || state.engine === 'stopped') {
    line = text.engineDown;
    iconStatus = 'unknown';
  } else if (state.engine === 'starting' && state.worst === null) {
    line = text.engineStarting;
    iconStatus = 'unknown';
  } else if (state.worst === null) {
    line = text.noTargets;
    iconStatus = 'unknown';
  } else {
    line = state.count > 0 ? `${text.status[state.worst]} · ${text.count(state.count)}` : text.status[state.worst];
    iconStatus = state.worst;
  }
  const menu: TrayMenuItem[] = [
    { id: 'status', label: line, enabled: false },
    { id: 'show', label: text.show, enabled: true },
  ];
  if (state.startAtLogin !== null) menu.push({ id: 'start-at-login', label: text.startAtLogin, enabled: true, checked: state.startAtLogin });
  menu.push({ id: 'quit', label: text.quit, enabled: true });
  return { iconStatus, tooltip: `OpsDeck — ${line}`, title: iconStatus === state.worst && state.count > 0 ? String(state.count) : '', menu };
}

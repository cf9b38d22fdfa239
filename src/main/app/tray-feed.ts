// Keeps the tray in step with the engine: the overview's worst status and the number of
// critical targets, refreshed every few seconds and whenever the targets change. Electron-free.
import { EVENT_CHANNELS, METHOD_CHANNELS, type RpcResult, type Unsubscribe } from '../../shared/api';
import type { EngineLinkStatus } from '../../shared/desktop-shell';
import type { HealthStatus, OverviewTile } from '../../shared/model';
import type { Logger } from '../engine/core/logger';
import { summarizeOverview } from './tray-view';

export interface TrayFeedEngine {
  readonly currentStatus: EngineLinkStatus;
  invoke(channel: string, arg: unknown): Promise<RpcResult>;
  onEvent(listener: (channel: string, payload: unknown) => void): Unsubscribe;
  onStatus(listener: (status: EngineLinkStatus) => void): Unsubscribe;
}

export interface TrayFeedTarget {
  setWorst(worst: HealthStatus | null): void;
  setCount(count: number): void;
  setEngine(engine: EngineLinkStatus['state']): void;
}

export function feedTray(engine: TrayFeedEngine, tray: TrayFeedTarget, opts: { logger: Logger; intervalMs?: number }): () => void {
  let busy = false;
  let again = false;
  const refresh = async (): Promise<void> => {
    if (engine.currentStatus.state !== 'running') return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const result = await engine.invoke(METHOD_CHANNELS.getOverview, undefined);
      if (result.ok) {
        const summary = summarizeOverview(result.value as OverviewTile[]);
        tray.setWorst(summary.worst);
        tray.setCount(summary.critical);
      } else {
        opts.logger.log('debug', 'tray-overview-failed', { code: result.error.code });
      }
    } finally {
      busy = false;
      if (again) {
        again = false;
        void refresh();
      }
    }
  };

  tray.setEngine(engine.currentStatus.state);
  const stopStatus = engine.onStatus((status) => {
    tray.setEngine(status.state);
    if (status.state === 'running') void refresh();
  });
  const stopEvents = engine.onEvent((channel) => {
    if (channel === EVENT_CHANNELS.onDidChangeTargets) void refresh();
  });
  const timer = setInterval(() => void refresh(), opts.intervalMs ?? 10_000);
  void refresh();
  return () => {
    clearInterval(timer);
    stopStatus();
    stopEvents();
  };
}

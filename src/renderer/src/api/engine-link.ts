// In the desktop app the engine runs in a utility process the shell restarts when it crashes.
// Its status becomes the same connection state a browser gets from its socket, plus the restart
// details for the banner.
import type { DesktopShell, EngineLinkStatus } from '../../../shared/desktop-shell';
import type { ConnectionState } from './connection';
import { createValue, type ReadableValue } from './observable';

export interface EngineRestart {
  /** 1 for the first restart since the engine last ran well. */
  attempt: number;
  /** When the next start is due, on the renderer's clock. */
  dueAt: number;
}

/** From this many restarts in a row on, the engine counts as down (calls fail, Retry shows). */
const OFFLINE_AFTER_ATTEMPTS = 3;

export function connectionOf(status: EngineLinkStatus, hasRun: boolean): ConnectionState {
  switch (status.state) {
    case 'running':
      return 'connected';
    case 'starting':
      return hasRun ? 'reconnecting' : 'connecting';
    case 'restarting':
      return status.attempt >= OFFLINE_AFTER_ATTEMPTS ? 'offline' : 'reconnecting';
    case 'stopped':
      return 'offline';
  }
}

export function engineLinkValues(shell: DesktopShell, now: () => number = Date.now): {
  connection: ReadableValue<ConnectionState>;
  engineRestart: ReadableValue<EngineRestart | null>;
} {
  const connection = createValue<ConnectionState>('connecting');
  const engineRestart = createValue<EngineRestart | null>(null);
  let hasRun = false;
  let lastRestart: EngineRestart | null = null;
  shell.onEngineStatus((status) => {
    if (status.state === 'restarting') {
      hasRun = true;
      lastRestart = { attempt: status.attempt, dueAt: now() + status.retryInMs };
      engineRestart.set(lastRestart);
    } else if (status.state === 'running') {
      hasRun = true;
      lastRestart = null;
      engineRestart.set(null);
    }
    // 'starting' after a crash keeps the restart on screen until the engine is back.
    connection.set(connectionOf(status, hasRun));
  });
  return { connection, engineRestart };
}

// Auto-update through electron-updater from the team's own HTTPS folder (generic provider): the
// packaged app reads the address the build wrote into resources/app-update.yml, checks once at
// start and every 6 hours, downloads in the background and installs on the next quit. A build
// without a real address (the .invalid placeholder in electron-builder.yml) never checks.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../engine/core/logger';

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** The update folder from app-update.yml when it is a usable https address, else null. */
export function updateFeedUrl(appUpdateYml: string): string | null {
  const line = /^url:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(appUpdateYml)?.[1];
  if (!line) return null;
  try {
    const url = new URL(line);
    if (url.protocol !== 'https:' || url.hostname.endsWith('.invalid')) return null;
    return url.href;
  } catch {
    return null;
  }
}

export interface UpdaterLike {
  logger: unknown;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

export interface UpdateOptions {
  isPackaged: boolean;
  resourcesPath: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** electron-updater's autoUpdater, loaded only when it will be used. */
  loadUpdater: () => UpdaterLike;
}

/** Starts the checks; returns why it did not, for the log and the tests. */
export function setupUpdates(opts: UpdateOptions): { checking: boolean; reason: string; stop(): void } {
  const off = (reason: string) => {
    opts.logger.log('info', 'updates-off', { reason });
    return { checking: false, reason, stop: () => undefined };
  };
  if (!opts.isPackaged) return off('not packaged');
  if (opts.env.OPSDECK_DISABLE_UPDATES === '1') return off('OPSDECK_DISABLE_UPDATES=1');
  let yml: string;
  try {
    yml = fs.readFileSync(path.join(opts.resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return off('no app-update.yml');
  }
  const feed = updateFeedUrl(yml);
  if (!feed) return off('no https update address in this build');
  const updater = opts.loadUpdater();
  updater.logger = {
    info: (m: unknown) => opts.logger.log('info', 'updater', { message: String(m).slice(0, 300) }),
    warn: (m: unknown) => opts.logger.log('warn', 'updater', { message: String(m).slice(0, 300) }),
    error: (m: unknown) => opts.logger.log('error', 'updater', { message: String(m).slice(0, 300) }),
    debug: () => undefined,
  };
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  const check = () => void updater.checkForUpdatesAndNotify().catch((err: unknown) => opts.logger.log('warn', 'update-check-failed', { error: String(err).slice(0, 300) }));
  check();
  const timer = setInterval(check, UPDATE_CHECK_INTERVAL_MS);
  timer.unref?.();
  opts.logger.log('info', 'updates-on', { feed: new URL(feed).origin });
  return { checking: true, reason: feed, stop: () => clearInterval(timer) };
}

// Starts the engine in a utility process, so a slow SSH handshake or a burst of parsing never
// freezes a window, and stops it cleanly (store flushed and closed) before the app quits.
import path from 'node:path';
import { app, utilityProcess } from 'electron';
import type { Logger } from '../engine/core/logger';
import { engineHostArgs } from './engine-protocol';
import { EngineSupervisor } from './engine-supervisor';

export interface EngineLaunchOptions {
  /** Folder of the built main bundle; engine-host.js sits next to index.js. */
  mainDir: string;
  dataDir: string;
  osLocale: string;
  logger: Logger;
}

export function setupEngine(opts: EngineLaunchOptions): EngineSupervisor {
  const supervisor = new EngineSupervisor({
    modulePath: path.join(opts.mainDir, 'engine-host.js'),
    args: engineHostArgs({ dataDir: opts.dataDir, osLocale: opts.osLocale }),
    fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
    logger: opts.logger,
  });
  supervisor.onStatus((status) => opts.logger.log(status.state === 'restarting' ? 'warn' : 'info', 'engine-status', { ...status }));
  supervisor.start();

  let engineStopped = false;
  app.on('will-quit', (event) => {
    if (engineStopped) return;
    event.preventDefault();
    void supervisor.stop().finally(() => {
      engineStopped = true;
      app.quit();
    });
  });
  return supervisor;
}

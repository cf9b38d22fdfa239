// Starts the engine in a utility process, so a slow SSH handshake or a burst of parsing never
// freezes a window, and stops it cleanly (store flushed and closed) before the app quits.
import path from 'node:path';
import { app, utilityProcess } from 'electron';
import type { Logger } from '../engine/core/logger';
import { allowUnprotectedSecrets } from '../engine/secrets/sealer';
import { engineHostArgs } from './engine-protocol';
import { EngineSupervisor } from './engine-supervisor';
import { createSafeStorageSealer } from './safe-storage-sealer';

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
    // The engine's process inherits this environment, so both sides read the same opt-in.
    sealer: createSafeStorageSealer({ logger: opts.logger, allowUnprotected: allowUnprotectedSecrets(process.env) }),
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

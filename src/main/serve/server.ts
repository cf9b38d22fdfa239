// The headless host: one engine, the renderer as static files, and the WebSocket bridge.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BootData } from '../../shared/boot-data';
import { createEngine, type Engine, type EngineOptions } from '../engine/engine';
import type { Logger } from '../engine/core/logger';
import { createIndexPageHandler } from './index-page';
import { createStaticHandler } from './static-files';
import { attachWsBridge } from './ws-bridge';

export interface ServeOptions {
  port: number;
  host: string;
  rendererDir: string;
  engine: Omit<EngineOptions, 'host'>;
  logger: Logger;
}

export interface RunningServer {
  url: string;
  engine: Engine;
  /**
   * Settles when the engine has started (it starts once the port is open, so a browser can load
   * the page meanwhile). Rejects with the engine's error: the caller reports it and closes.
   */
  started: Promise<void>;
  close(): Promise<void>;
}

/** How long a page waits for this computer's first poll before it is sent with older data (or none). */
const FIRST_POLL_WAIT_MS = 500;

async function bootData(engine: Engine, started: Promise<void>): Promise<BootData> {
  await started;
  await engine.localPolled(FIRST_POLL_WAIT_MS);
  const [appInfo, overview] = await Promise.all([engine.api.getAppInfo(), engine.api.getOverview()]);
  return { appInfo, overview };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const engine = createEngine({ ...opts.engine, host: 'serve', logger: opts.logger });
  let startEngine!: () => void;
  const started = new Promise<void>((resolve) => (startEngine = resolve)).then(() => engine.start());
  started.catch(() => {}); // the caller awaits it; this only keeps it from counting as unhandled
  const indexPage = createIndexPageHandler(opts.rendererDir, () => bootData(engine, started));
  const server = http.createServer(createStaticHandler(opts.rendererDir, { indexPage }));
  const bridge = attachWsBridge(server, engine.api, opts.logger, started);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // The port is ours: the engine opens its store while a browser fetches the page and scripts.
  startEngine();
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostForUrl}:${address.port}/`;
  opts.logger.log('info', 'serve-listening', { url });
  return {
    url,
    engine,
    started,
    async close() {
      await bridge.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await started.catch(() => {});
      await engine.stop();
    },
  };
}

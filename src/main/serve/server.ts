// The headless host: one engine, the renderer as static files, and the WebSocket bridge.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngine, type Engine, type EngineOptions } from '../engine/engine';
import type { Logger } from '../engine/core/logger';
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
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const engine = createEngine({ ...opts.engine, host: 'serve', logger: opts.logger });
  await engine.start();
  const server = http.createServer(createStaticHandler(opts.rendererDir));
  const wss = attachWsBridge(server, engine.api, opts.logger);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (err) => {
    await engine.stop();
    throw err;
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostForUrl}:${address.port}/`;
  opts.logger.log('info', 'serve-listening', { url });
  return {
    url,
    engine,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.stop();
    },
  };
}

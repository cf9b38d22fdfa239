// The utility-process side of the engine link: answers invoke messages through dispatch()
// and forwards engine events. Electron-free (the port is injected), so it runs under vitest.
import type { OpsApi, RpcResult } from '../../shared/api';
import { toErrorPayload } from '../../shared/errors';
import { dispatch, forwardEvents } from '../../shared/rpc';
import type { Logger } from '../engine/core/logger';
import { isMainToEngineMessage, type EngineToMainMessage, type SealerReply } from './engine-protocol';

/** What engine-server needs of `process.parentPort` (Electron.ParentPort). */
export interface ParentPortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

export interface ServedEngine {
  api: OpsApi;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ServeEngineOptions {
  logger: Logger;
  exit: (code: number) => void;
  /** Answers of the main process to the engine's sealer (engine-sealer.ts); handled even while starting. */
  onSealerReply?: (id: number, reply: SealerReply) => void;
}

const NOT_STARTED: RpcResult = {
  ok: false,
  error: { code: 'UNAVAILABLE', message: 'The OpsDeck engine could not start. The details are in the engine log.' },
};

const NOT_CLONEABLE: RpcResult = {
  ok: false,
  error: { code: 'INTERNAL', message: 'The engine produced an answer that cannot be sent to the window. The details are in the engine log.' },
};

export function serveEngine(port: ParentPortLike, engine: ServedEngine, opts: ServeEngineOptions): { started: Promise<boolean> } {
  const { logger } = opts;

  const post = (message: EngineToMainMessage): void => {
    try {
      port.postMessage(message);
    } catch (err) {
      // A value that cannot be structured-cloned (a function, a class with handles): answer anyway.
      logger.log('error', 'engine-host-post-failed', { type: message.type, error: String(err) });
      if (message.type === 'result') port.postMessage({ type: 'result', id: message.id, result: NOT_CLONEABLE });
    }
  };

  // Subscribe before start(): the engine announces its targets while starting.
  const stopForwarding = forwardEvents(engine.api, (channel, payload) => post({ type: 'event', channel, payload }));

  const started = engine.start().then(
    () => {
      post({ type: 'ready' });
      return true;
    },
    (err: unknown) => {
      logger.log('error', 'engine-start-failed', { error: String(err) });
      post({ type: 'fatal', error: toErrorPayload(err) });
      stopForwarding();
      opts.exit(1);
      return false;
    },
  );

  let shuttingDown = false;
  const shutdown = async (): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    stopForwarding();
    try {
      if (await started) await engine.stop();
      opts.exit(0);
    } catch (err) {
      logger.log('error', 'engine-stop-failed', { error: String(err) });
      opts.exit(1);
    }
  };

  port.on('message', ({ data }) => {
    if (!isMainToEngineMessage(data)) {
      logger.log('warn', 'engine-host-bad-message', { type: typeof data });
      return;
    }
    if (data.type === 'shutdown') {
      void shutdown();
      return;
    }
    if (data.type === 'sealer-reply') {
      // The engine may be waiting for this very answer to finish starting.
      opts.onSealerReply?.(data.id, data.reply);
      return;
    }
    const { id, channel, arg } = data;
    void started
      .then((ok) => (ok ? dispatch(engine.api, channel, arg) : NOT_STARTED))
      .then((result) => post({ type: 'result', id, result }));
  });

  return { started };
}

// Main-process side of the engine link: forks the utility process, correlates requests with
// ids and deadlines, restarts the engine with backoff when it dies, and reports its status.
// Electron-free (fork is injected) so it is tested with fake timers.
import type { RpcResult, Unsubscribe } from '../../shared/api';
import type { EngineLinkStatus } from '../../shared/desktop-shell';
import type { Logger } from '../engine/core/logger';
import { isEngineToMainMessage, type EngineToMainMessage, type MainToEngineMessage, type SealerReply, type SealerRequest } from './engine-protocol';

/** The parts of Electron's UtilityProcess the supervisor uses. */
export interface EngineProcess {
  postMessage(message: MainToEngineMessage): void;
  kill(): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

export type ForkEngine = (modulePath: string, args: string[], options: { serviceName: string }) => EngineProcess;

/** The same shape windows get (src/shared/desktop-shell.ts). */
export type EngineStatus = EngineLinkStatus;

/** What the IPC host needs: one request/response call and the engine's events. */
export interface EngineLink {
  invoke(channel: string, arg: unknown): Promise<RpcResult>;
  onEvent(listener: (channel: string, payload: unknown) => void): Unsubscribe;
}

export interface EngineSupervisorOptions {
  modulePath: string;
  args: string[];
  fork: ForkEngine;
  logger: Logger;
  /** Deadline of one request, from send to answer. */
  requestTimeoutMs?: number;
  /** First restart delay; doubles per consecutive crash up to maxRestartDelayMs. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** An engine that stayed up this long counts as healthy: the backoff starts over. */
  healthyAfterMs?: number;
  /** How long stop() waits for a clean exit before killing the process. */
  stopTimeoutMs?: number;
  /** Answers the engine's seal/unseal requests (safe-storage-sealer.ts); without it they are refused. */
  sealer?: (request: SealerRequest) => Promise<SealerReply>;
}

interface Pending {
  resolve(result: RpcResult): void;
  timer: ReturnType<typeof setTimeout>;
}

const failure = (code: string, message: string): RpcResult => ({ ok: false, error: { code, message } });

export class EngineSupervisor implements EngineLink {
  private child: EngineProcess | null = null;
  private status: EngineStatus = { state: 'stopped' };
  private stopping = false;
  private crashes = 0;
  private spawnedAt = 0;
  private restartTimer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<(channel: string, payload: unknown) => void>();
  private readonly statusListeners = new Set<(status: EngineStatus) => void>();

  constructor(private readonly opts: EngineSupervisorOptions) {}

  get currentStatus(): EngineStatus {
    return this.status;
  }

  start(): void {
    this.stopping = false;
    if (!this.child && !this.restartTimer) this.spawn();
  }

  invoke(channel: string, arg: unknown): Promise<RpcResult> {
    const child = this.child;
    if (!child) return Promise.resolve(this.unavailable());
    const id = this.nextId++;
    const timeoutMs = this.opts.requestTimeoutMs ?? 15_000;
    return new Promise<RpcResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.opts.logger.log('warn', 'engine-request-timeout', { channel, timeoutMs });
        resolve(failure('TIMEOUT', `The engine did not answer within ${Math.round(timeoutMs / 1000)} s. Try again; if it keeps happening, restart OpsDeck.`));
      }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      try {
        child.postMessage({ type: 'invoke', id, channel, arg });
      } catch (err) {
        // The argument could not be cloned: the renderer sent something that is not plain data.
        this.settle(id, failure('INVALID_ARGUMENT', 'The request could not be sent to the engine: its argument is not plain data.'));
        this.opts.logger.log('warn', 'engine-request-not-sent', { channel, error: String(err) });
      }
    });
  }

  onEvent(listener: (channel: string, payload: unknown) => void): Unsubscribe {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onStatus(listener: (status: EngineStatus) => void): Unsubscribe {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Skips the wait of a pending restart (a person pressed Retry); the backoff count stays. */
  restartNow(): void {
    if (this.stopping || this.child || !this.restartTimer) return;
    clearTimeout(this.restartTimer);
    this.spawn();
  }

  /** Asks the engine to shut down cleanly, then kills it if it lingers. No restart follows. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child) {
      this.setStatus({ state: 'stopped' });
      return;
    }
    await new Promise<void>((resolve) => {
      const killTimer = setTimeout(() => {
        this.opts.logger.log('warn', 'engine-stop-timeout');
        child.kill();
        resolve();
      }, this.opts.stopTimeoutMs ?? 3_000);
      child.on('exit', () => {
        clearTimeout(killTimer);
        resolve();
      });
      try {
        child.postMessage({ type: 'shutdown' });
      } catch {
        child.kill();
      }
    });
  }

  private spawn(): void {
    this.restartTimer = null;
    this.setStatus({ state: 'starting' });
    this.spawnedAt = Date.now();
    const child = this.opts.fork(this.opts.modulePath, this.opts.args, { serviceName: 'OpsDeck engine' });
    this.child = child;
    child.on('message', (message) => this.onMessage(child, message));
    child.on('exit', (code) => this.onExit(child, code));
  }

  private onMessage(child: EngineProcess, message: unknown): void {
    if (!isEngineToMainMessage(message)) {
      this.opts.logger.log('warn', 'engine-bad-message');
      return;
    }
    this.handle(child, message);
  }

  private handle(child: EngineProcess, message: EngineToMainMessage): void {
    switch (message.type) {
      case 'ready':
        this.setStatus({ state: 'running' });
        return;
      case 'result':
        this.settle(message.id, message.result);
        return;
      case 'event':
        for (const listener of this.eventListeners) listener(message.channel, message.payload);
        return;
      case 'fatal':
        this.opts.logger.log('error', 'engine-fatal', { code: message.error.code, message: message.error.message });
        return;
      case 'sealer-request':
        void this.answerSealer(child, message.id, message.request);
        return;
    }
  }

  /** The answer goes back only to the process that asked, and only while it still runs. */
  private async answerSealer(child: EngineProcess, id: number, request: SealerRequest): Promise<void> {
    let reply: SealerReply;
    try {
      reply = this.opts.sealer
        ? await this.opts.sealer(request)
        : { ok: false, error: { code: 'SECRETS_UNAVAILABLE', message: 'This OpsDeck window process cannot encrypt passwords.' } };
    } catch (err) {
      this.opts.logger.log('error', 'sealer-failed', { op: request.op, error: (err as Error)?.name ?? 'unknown' });
      reply = { ok: false, error: { code: 'INTERNAL', message: 'Encrypting or decrypting a password failed inside OpsDeck. The details are in the main log.' } };
    }
    if (this.child !== child) return;
    try {
      child.postMessage({ type: 'sealer-reply', id, reply });
    } catch (err) {
      this.opts.logger.log('warn', 'sealer-reply-not-sent', { op: request.op, error: (err as Error)?.name ?? 'unknown' });
    }
  }

  private settle(id: number, result: RpcResult): void {
    const entry = this.pending.get(id);
    if (!entry) return; // answered after its deadline
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  }

  private onExit(child: EngineProcess, code: number): void {
    if (this.child !== child) return;
    this.child = null;
    if (this.stopping) {
      this.setStatus({ state: 'stopped' });
    } else {
      const healthyAfterMs = this.opts.healthyAfterMs ?? 60_000;
      this.crashes = Date.now() - this.spawnedAt >= healthyAfterMs ? 1 : this.crashes + 1;
      const base = this.opts.restartDelayMs ?? 1_000;
      const retryInMs = Math.min(this.opts.maxRestartDelayMs ?? 30_000, base * 2 ** (this.crashes - 1));
      this.opts.logger.log('error', 'engine-exited', { code, attempt: this.crashes, retryInMs });
      this.setStatus({ state: 'restarting', exitCode: code, attempt: this.crashes, retryInMs });
      this.restartTimer = setTimeout(() => this.spawn(), retryInMs);
    }
    // Nobody will answer the requests in flight: fail them now rather than at their deadline.
    for (const id of [...this.pending.keys()]) this.settle(id, this.unavailable());
  }

  private unavailable(): RpcResult {
    if (this.status.state === 'restarting') {
      const seconds = Math.max(1, Math.round(this.status.retryInMs / 1000));
      return failure('UNAVAILABLE', `The OpsDeck engine stopped unexpectedly and is restarting (attempt ${this.status.attempt}, within ${seconds} s). The data will come back on its own.`);
    }
    return failure('UNAVAILABLE', 'The OpsDeck engine is not running. Restart OpsDeck if this persists.');
  }

  private setStatus(status: EngineStatus): void {
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

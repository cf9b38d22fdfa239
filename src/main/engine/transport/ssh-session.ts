// One login's worth of polling: the ssh2 client, its long-lived channel (a resident awk, or a
// `/bin/sh` where the host has no awk), the per-login marker nonce, and the two channel slots.
// Polls take turns; a poll that times out or comes back garbled on the long-lived channel
// resets it and is answered once by a fresh one-off exec of the composite script.

import { randomBytes } from 'node:crypto';
import type ssh2 from 'ssh2';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { compositeMarkerPrefix, splitCompositeSections } from '../parsers/composite-sections';
import { buildCompositeScript, buildResidentRequest, SHELL_PRELUDE, type SectionSpec } from './composite-script';
import type { Deadline } from './deadline';
import { remoteProcess, type RemoteProcess } from './remote-process';
import { RemoteShell, ShellFailure } from './remote-shell';
import { Semaphore } from './semaphore';
import { protocolError, unreachable } from './ssh-errors';

/** Channels per connection: the long-lived shell plus one for the fallback exec (sshd allows 10). */
export const MAX_CHANNELS = 2;
/**
 * Script channels (log views, reads of a log) per connection, counted apart from the polls so a
 * busy log page never delays a poll: with the two polling channels, 7 of OpenSSH's default
 * MaxSessions of 10, with room to spare for a server configured lower.
 */
export const MAX_PROCESS_CHANNELS = 5;
// The long-lived shell gets this share of a poll's deadline; the rest is left for the fallback.
const SHELL_SHARE = 0.6;
/** How long a fresh channel may take to start awk (or say it has none); rc files run before it. */
const RESIDENT_START_TIMEOUT_MS = 10_000;

export interface SessionOptions {
  /** Turn the long-lived shell into a resident awk (default); false feeds it a script per poll. */
  residentAwk?: boolean;
}

export interface SessionCounters {
  shellResets: number;
  fallbacks: number;
  peakChannels: number;
}

export interface SessionRun {
  sections: Map<string, string>;
  via: 'shell' | 'exec';
}

export class SshSession {
  /** Per login, so a marker can never be predicted by what runs on the host. */
  readonly nonce = randomBytes(16).toString('hex');
  private readonly slots = new Semaphore(MAX_CHANNELS);
  private readonly processSlots = new Semaphore(MAX_PROCESS_CHANNELS);
  private readonly turn = new Semaphore(1);
  private shell: RemoteShell | null = null;
  private shellOpening: Promise<RemoteShell> | null = null;
  private seq = 0;
  private isOpen = true;

  constructor(
    readonly client: ssh2.Client,
    private readonly target: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly counters: SessionCounters,
    private readonly options: SessionOptions = {},
  ) {}

  get open(): boolean {
    return this.isOpen;
  }

  markClosed(): void {
    this.isOpen = false;
    this.shell = null;
  }

  /** Waits for this session's turn, then runs one composite script. */
  async run(sections: readonly SectionSpec[], deadline: Deadline, setStage: (stage: string) => void): Promise<SessionRun> {
    setStage('the poll (waiting for the previous one)');
    // The usual case, no poll in the way, needs no AbortSignal (made lazily by the deadline).
    const releaseTurn = this.turn.tryAcquire() ?? (await this.turn.acquire(deadline.signal));
    try {
      setStage('the poll');
      return await this.runInTurn(sections, deadline, setStage);
    } finally {
      releaseTurn();
    }
  }

  channelsOpen(): number {
    return this.slots.inUse;
  }

  processesOpen(): number {
    return this.processSlots.inUse;
  }

  /**
   * Runs `script` under `/bin/sh` on a new session channel, within the script-channel cap (a
   * caller waits for a free one until `signal` aborts). `endInput` closes stdin after the script
   * for one-shot scripts; long-running ones keep it open and stop when it closes.
   */
  async openProcess(script: string, opts: { endInput: boolean; signal?: AbortSignal }): Promise<RemoteProcess> {
    const release = await this.processSlots.acquire(opts.signal);
    return new Promise<RemoteProcess>((resolve, reject) => {
      try {
        this.client.exec('/bin/sh', (err, channel) => {
          if (err) {
            release();
            reject(protocolError(this.target, `the server refused a session channel: ${err.message}`));
            return;
          }
          resolve(remoteProcess(channel, SHELL_PRELUDE + script, { endInput: opts.endInput, clock: this.clock }, release));
        });
      } catch (err) {
        release();
        reject(unreachable(this.target, `the connection is not usable (${(err as Error).message})`));
      }
    });
  }

  shellListeners(): number {
    return this.shell?.listenerCount() ?? 0;
  }

  private async runInTurn(sections: readonly SectionSpec[], deadline: Deadline, setStage: (stage: string) => void): Promise<SessionRun> {
    const prefix = compositeMarkerPrefix(this.nonce, ++this.seq);

    let failure: string;
    try {
      const live = this.shell && !this.shell.closed ? this.shell : null;
      const shell = live ?? (await deadline.race(this.shellFor()));
      // The composite script only for a shell without awk or for the fallback, not every poll.
      const request = shell.mode === 'resident' ? buildResidentRequest(sections, prefix) : buildCompositeScript(sections, prefix);
      const output = await shell.run(request, prefix, Math.floor(deadline.remaining() * SHELL_SHARE));
      const parsed = splitCompositeSections(output, prefix);
      if (parsed.ok) {
        answeredNow(this.client);
        return { sections: parsed.sections, via: 'shell' };
      }
      failure = parsed.detail;
    } catch (err) {
      const surfaced = this.explain(err, deadline, { allowFallback: true });
      if (surfaced !== null) throw surfaced;
      failure = (err as Error).message;
    }
    return this.fallback(buildCompositeScript(sections, prefix), prefix, failure, deadline, setStage);
  }

  private async fallback(script: string, prefix: string, failure: string, deadline: Deadline, setStage: (stage: string) => void): Promise<SessionRun> {
    this.counters.shellResets++;
    this.logger.log('warn', 'ssh-shell-reset', { target: this.target, reason: failure });
    this.shell?.kill();
    this.shell = null;
    setStage('the poll (fallback exec after the shell failed)');
    const opening = this.openChannel(deadline.signal);
    const once = await deadline.race(opening).catch((err: unknown) => {
      // A channel that opens after the poll gave up must not keep its slot.
      opening.then((late) => late.kill(), () => undefined);
      throw err;
    });
    try {
      const output = await deadline.race(once.run(script, prefix, deadline.remaining(), { endInput: true }));
      const parsed = splitCompositeSections(output, prefix);
      if (!parsed.ok) throw protocolError(this.target, `the poll script's output was ${parsed.reason}: ${parsed.detail}`);
      this.counters.fallbacks++;
      return { sections: parsed.sections, via: 'exec' };
    } catch (err) {
      throw this.explain(err, deadline, { allowFallback: false }) ?? err;
    } finally {
      once.kill();
    }
  }

  /**
   * The error a failed step should surface as, or null when the long-lived shell merely
   * failed and the fallback may still answer.
   */
  private explain(err: unknown, deadline: Deadline, opts: { allowFallback: boolean }): unknown {
    if (deadline.expired) return deadline.expiredReason;
    if (!this.isOpen) return unreachable(this.target, 'the connection was lost during the poll');
    if (!(err instanceof ShellFailure)) return err;
    if (opts.allowFallback) return null;
    return err.kind === 'timeout' ? deadline.expiredError() : protocolError(this.target, err.message);
  }

  private shellFor(): Promise<RemoteShell> {
    if (this.shell && !this.shell.closed) return Promise.resolve(this.shell);
    // Not tied to one poll's deadline: if this poll gives up, the next one awaits the same opening.
    this.shellOpening ??= this.openChannel()
      .then(async (shell) => {
        if (this.options.residentAwk !== false) {
          try {
            const mode = await shell.startResident(RESIDENT_START_TIMEOUT_MS);
            if (mode === 'script') this.logger.log('info', 'ssh-no-resident-awk', { target: this.target });
          } catch (err) {
            shell.kill();
            throw err;
          }
        }
        if (this.isOpen) this.shell = shell;
        else shell.kill();
        return shell;
      })
      .finally(() => {
        this.shellOpening = null;
      });
    return this.shellOpening;
  }

  /** Opens `/bin/sh` on a new session channel, within the channel cap. */
  private async openChannel(signal?: AbortSignal): Promise<RemoteShell> {
    const release = await this.slots.acquire(signal);
    this.counters.peakChannels = Math.max(this.counters.peakChannels, this.slots.inUse);
    return new Promise<RemoteShell>((resolve, reject) => {
      try {
        this.client.exec('/bin/sh', (err, channel) => {
          if (err) {
            release();
            reject(protocolError(this.target, `the server refused a session channel: ${err.message}`));
            return;
          }
          const shell = new RemoteShell(channel, this.clock, release);
          shell.send(SHELL_PRELUDE);
          resolve(shell);
        });
      } catch (err) {
        release();
        reject(unreachable(this.target, `the connection is not usable (${(err as Error).message})`));
      }
    });
  }
}

/**
 * The server just answered, so the keepalive can wait a full interval again, as OpenSSH's
 * ServerAliveInterval does. ssh2 pings on a fixed interval whatever the traffic: at 1,000 hosts
 * that was 67 extra round trips a second on connections that a poll uses every 5 s. Its timer
 * reset is not public; without it, pings go on as before.
 */
function answeredNow(client: ssh2.Client): void {
  (client as ssh2.Client & { _resetKA?: () => void })._resetKA?.();
}

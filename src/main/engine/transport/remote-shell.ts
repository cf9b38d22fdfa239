// A `/bin/sh` on the host, reached through one SSH session channel with no terminal. Each run
// writes a request (a composite script, or a resident awk's request line) and reads stdout
// until that request's end marker. The long-lived channel is started once and says which mode
// it runs in; the fallback writes one script, closes stdin and is thrown away (a plain one-off
// exec, immune to whatever state the long-lived channel got into).

import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import type { Clock, TimerHandle } from '../core/clock';
import { findCompositeEnd } from '../parsers/composite-sections';
import { RESIDENT_READY, residentBootstrap, SHELL_READY } from './composite-script';

/** How a long-lived channel answers polls: a resident awk, or a shell fed a script per poll. */
export type ShellMode = 'resident' | 'script';

/** A poll's output is a few tens of kB; anything this large is runaway output, not a reading. */
const MAX_OUTPUT_CHARS = 8 * 1024 * 1024;
const STDERR_TAIL_CHARS = 2_000;

export class ShellFailure extends Error {
  constructor(
    readonly kind: 'timeout' | 'closed' | 'overflow',
    message: string,
  ) {
    super(message);
    this.name = 'ShellFailure';
  }
}

interface PendingRun {
  /** Index just past the end of the answer in the buffer, or -1 while it is incomplete. */
  findEnd(buffer: string, from: number): number;
  resolve(text: string): void;
  reject(err: ShellFailure): void;
  timer: TimerHandle;
}

export class RemoteShell {
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';
  private pending: PendingRun | null = null;
  private stderrTail = '';
  private isClosed = false;
  private runMode: ShellMode = 'script';

  constructor(
    private readonly channel: ClientChannel,
    private readonly clock: Clock,
    onClose: () => void,
  ) {
    channel.on('data', (chunk: Buffer) => this.onData(this.decoder.write(chunk)));
    channel.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    });
    // Write errors surface again as 'close'; without a listener they would crash the engine.
    channel.on('error', () => undefined);
    channel.on('close', (code: unknown, signal: unknown) => {
      this.isClosed = true;
      const how = signal ? `signal ${String(signal)}` : code !== null && code !== undefined ? `status ${String(code)}` : 'no status';
      const stderr = this.stderrTail.trim();
      this.settle(new ShellFailure('closed', `the remote shell exited (${how})${stderr ? `: ${stderr.slice(-200)}` : ''}`));
      onClose();
    });
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get mode(): ShellMode {
    return this.runMode;
  }

  /**
   * Turns the fresh shell into the resident awk, or learns that the host has none and stays a
   * shell. Nothing else may be written until this settles: the shell reads its input ahead, and
   * a request sent before awk starts would be swallowed by the shell.
   */
  async startResident(timeoutMs: number): Promise<ShellMode> {
    const output = await this.exchange(
      residentBootstrap(),
      (buffer, from) => {
        for (const marker of [RESIDENT_READY, SHELL_READY]) {
          const at = buffer.indexOf(marker, Math.max(0, from - marker.length));
          if (at >= 0) return at + marker.length;
        }
        return -1;
      },
      timeoutMs,
      'no answer to the resident start',
    );
    this.runMode = output.endsWith(RESIDENT_READY) ? 'resident' : 'script';
    return this.runMode;
  }

  /** Runs one request and resolves with stdout up to its end marker. */
  run(request: string, prefix: string, timeoutMs: number, opts: { endInput?: boolean } = {}): Promise<string> {
    return this.exchange(request, (buffer, from) => findCompositeEnd(buffer, prefix, from), timeoutMs, 'no end marker', opts);
  }

  private exchange(
    text: string,
    findEnd: PendingRun['findEnd'],
    timeoutMs: number,
    timeoutText: string,
    opts: { endInput?: boolean } = {},
  ): Promise<string> {
    if (this.isClosed) return Promise.reject(new ShellFailure('closed', 'the remote shell is closed'));
    if (this.pending) return Promise.reject(new Error('RemoteShell runs one request at a time.'));
    return new Promise<string>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => this.settle(new ShellFailure('timeout', `${timeoutText} within ${timeoutMs} ms`)), timeoutMs);
      this.pending = { findEnd, resolve, reject, timer };
      this.buffer = '';
      this.channel.write(text);
      if (opts.endInput) this.channel.end();
    });
  }

  /** Writes to the shell's stdin without waiting for output (the prelude). */
  send(text: string): void {
    if (!this.isClosed) this.channel.write(text);
  }

  /**
   * Ends the shell: asks sshd to kill it (OpenSSH 7.9+; refused for root, whose sessions run
   * without privilege separation), then closes the channel. sshd confirms the close only when
   * the remote process has exited, and the channel holds its slot until then.
   */
  kill(): void {
    if (this.isClosed) return;
    try {
      this.channel.signal('KILL');
    } catch {
      // the channel is already going away
    }
    this.channel.close();
  }

  /** Listener counts, for leak tests. */
  listenerCount(): number {
    const events = ['data', 'close', 'error', 'end'] as const;
    return events.reduce((n, e) => n + this.channel.listenerCount(e) + this.channel.stderr.listenerCount(e), 0);
  }

  private onData(text: string): void {
    const run = this.pending;
    if (!run) return; // output nobody waits for (the tail of an abandoned run) is dropped
    const searchFrom = this.buffer.length;
    this.buffer += text;
    const end = run.findEnd(this.buffer, searchFrom);
    if (end >= 0) {
      const output = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end);
      this.settle(output);
    } else if (this.buffer.length > MAX_OUTPUT_CHARS) {
      this.settle(new ShellFailure('overflow', `more than ${MAX_OUTPUT_CHARS} characters without an end marker`));
    }
  }

  private settle(outcome: string | ShellFailure): void {
    const run = this.pending;
    if (!run) return;
    this.pending = null;
    this.clock.clearTimeout(run.timer);
    if (typeof outcome === 'string') run.resolve(outcome);
    else {
      this.buffer = '';
      run.reject(outcome);
    }
  }
}

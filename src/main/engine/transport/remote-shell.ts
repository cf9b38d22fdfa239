// A `/bin/sh` on the host, reached through one SSH session channel with no terminal. Each run
// writes a composite script and reads stdout until that script's end marker. The long-lived
// shell keeps the channel between polls; the fallback writes one script, closes stdin and is
// thrown away (a plain one-off exec, immune to whatever state the long-lived shell got into).

import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import type { Clock, TimerHandle } from '../core/clock';
import { findCompositeEnd } from '../parsers/composite-sections';

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
  prefix: string;
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

  /** Runs one script and resolves with stdout up to its end marker. */
  run(script: string, prefix: string, timeoutMs: number, opts: { endInput?: boolean } = {}): Promise<string> {
    if (this.isClosed) return Promise.reject(new ShellFailure('closed', 'the remote shell is closed'));
    if (this.pending) return Promise.reject(new Error('RemoteShell runs one script at a time.'));
    return new Promise<string>((resolve, reject) => {
      const timer = this.clock.setTimeout(
        () => this.settle(new ShellFailure('timeout', `no end marker within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.pending = { prefix, resolve, reject, timer };
      this.buffer = '';
      this.channel.write(script);
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
    const end = findCompositeEnd(this.buffer, run.prefix, searchFrom);
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

// One script run by `/bin/sh` on a session channel of an existing login (no second login, no
// terminal). The script arrives on stdin, as the polling shell's does, so the login shell never
// parses it. Long-running scripts (a `tail -F`) end when their stdin ends: OpenSSH ignores
// signal requests on sessions without a terminal, so closing stdin is the one stop signal that
// always reaches the host, and it also arrives when the connection drops.

import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import type { Clock } from '../core/clock';

export interface ProcessExit {
  /** The script's exit status; null when the channel closed without one (the connection dropped). */
  code: number | null;
  signal: string | null;
}

export interface RemoteProcess {
  /** The script's stdout, as raw bytes. Pause it to hold the remote side back (SSH flow control). */
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Resolves once the channel is closed, whatever the reason. */
  readonly exited: Promise<ProcessExit>;
  readonly closed: boolean;
  /** Ends stdin (the script's stop signal), then closes the channel. Idempotent. */
  close(): void;
}

/** Wraps an opened channel; `release` frees its slot once the channel is gone. */
export function remoteProcess(channel: ClientChannel, script: string, opts: { endInput: boolean; clock: Clock }, release: () => void): RemoteProcess {
  let isClosed = false;
  let exit: ProcessExit = { code: null, signal: null };
  const events = new EventEmitter();
  const exited = new Promise<ProcessExit>((resolve) => events.once('closed', resolve));
  // Write errors surface again as 'close'; without a listener they would crash the engine.
  channel.on('error', () => undefined);
  channel.stderr.on('error', () => undefined);
  channel.on('exit', (code: unknown, signal: unknown) => {
    exit = { code: typeof code === 'number' ? code : null, signal: typeof signal === 'string' ? signal : null };
  });
  channel.on('close', () => {
    isClosed = true;
    release();
    events.emit('closed', exit);
  });
  channel.write(script);
  if (opts.endInput) channel.end();
  let closing = false;
  return {
    stdout: channel,
    stderr: channel.stderr,
    exited,
    get closed() {
      return isClosed;
    },
    close() {
      if (closing || isClosed) return;
      closing = true;
      // EOF first: the script's watchdog kills its tail and exits, and sshd then closes the channel.
      channel.end();
      // A script that ignores its stdin still loses its channel; sshd then closes its pipes.
      const timer = opts.clock.setTimeout(() => channel.close(), 2_000);
      void exited.then(() => opts.clock.clearTimeout(timer));
    },
  };
}

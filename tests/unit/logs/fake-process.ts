// A stand-in for a script running on a host, for the logs module's pure logic (the real thing is
// tested against sshd in tests/integration/logs): records the script, emits what a test writes.
import { PassThrough } from 'node:stream';
import type { ProcessExit, RemoteProcess } from '../../../src/main/engine/transport/remote-process';

export interface FakeProcess extends RemoteProcess {
  script: string;
  write(text: string): void;
  /** The connection dropped: the channel closes without a status. */
  drop(): void;
  closeCalls: number;
}

export function fakeProcess(script: string): FakeProcess {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let resolveExit: (e: ProcessExit) => void = () => undefined;
  const exited = new Promise<ProcessExit>((r) => (resolveExit = r));
  let closed = false;
  const p: FakeProcess = {
    script,
    stdout,
    stderr,
    exited,
    closeCalls: 0,
    get closed() {
      return closed;
    },
    write: (text) => stdout.write(text),
    drop() {
      closed = true;
      resolveExit({ code: null, signal: null });
    },
    close() {
      p.closeCalls++;
      if (closed) return;
      closed = true;
      resolveExit({ code: 0, signal: null });
    },
  };
  return p;
}

// Runs a one-shot script on a host and collects what it printed, within a byte budget: a read
// of a log never holds more than its cap in memory, whatever the file holds.
import { OpsError } from '../../../shared/errors';
import type { ProcessExit, RemoteProcess } from '../transport/remote-process';

/** Opens a script on the host a log source is on (the inventory's login, or the CLI's own). */
export type ProcessOpener = (script: string, opts: { timeoutMs: number; endInput?: boolean }) => Promise<RemoteProcess>;

export interface ScriptOutput {
  stdout: Buffer;
  stderr: string;
  exit: ProcessExit;
  /** More than maxBytes arrived; the rest was dropped. */
  overflow: boolean;
}

const STDERR_CHARS = 2_000;

export async function runScript(open: ProcessOpener, script: string, opts: { timeoutMs: number; maxBytes: number }): Promise<ScriptOutput> {
  const process = await open(script, { timeoutMs: opts.timeoutMs, endInput: true });
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  let stderr = '';
  process.stdout.on('data', (chunk: Buffer) => {
    if (size + chunk.length > opts.maxBytes) {
      overflow = true;
      const room = opts.maxBytes - size;
      if (room > 0) chunks.push(chunk.subarray(0, room));
      size = opts.maxBytes;
      process.close();
      return;
    }
    chunks.push(chunk);
    size += chunk.length;
  });
  process.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_CHARS);
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      process.close();
      reject(new OpsError('TIMEOUT', `Reading the log took longer than ${opts.timeoutMs} ms.`));
    }, opts.timeoutMs);
    timer.unref();
  });
  try {
    const exit = await Promise.race([process.exited, timedOut]);
    return { stdout: Buffer.concat(chunks), stderr, exit, overflow };
  } finally {
    clearTimeout(timer);
  }
}

/** The script's own first line and the raw bytes after it. */
export function splitStatusLine(stdout: Buffer): { status: string[]; data: Buffer } | null {
  const nl = stdout.indexOf(0x0a);
  if (nl < 0) return null;
  return { status: stdout.subarray(0, nl).toString('latin1').trim().split(/ +/), data: stdout.subarray(nl + 1) };
}

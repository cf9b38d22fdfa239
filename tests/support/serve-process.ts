// Starts the built `opsdeck serve` as a user would (bin/opsdeck.cjs) on a free loopback port
// with its own data folder, and stops it again.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
export const cliPath = path.join(repoRoot, 'bin', 'opsdeck.cjs');

export interface ServeHandle {
  /** The console link serve printed, with the operator token: `${url}#/inventory` opens a screen. */
  url: string;
  /** The address without a token, ending in "/". */
  base: string;
  token: string;
  viewerToken: string;
  /** The read-only wall link serve printed. */
  wallUrl: string;
  /** The socket's address, with a token (operator by default; null for none). */
  wsUrl(token?: string | null): string;
  dataDir: string;
  child: ChildProcess;
  startedAt: number;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function tempDataDir(prefix = 'opsdeck-data-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startServe(opts: { dataDir?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<ServeHandle> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const startedAt = Date.now();
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', ...(opts.args ?? [])], {
    env: { ...process.env, OPSDECK_DATA_DIR: dataDir, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within 20 s:\n${out}`)), 20_000);
    const onData = () => {
      const m = /Open (http:\/\/\S+)/.exec(out);
      if (m && /Wall screen, read-only: \S+/.test(out)) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const base = `${parsed.origin}/`;
  const wallUrl = /Wall screen, read-only: (\S+)/.exec(out)![1]!;
  const viewerToken = new URL(wallUrl).searchParams.get('token') ?? '';
  return {
    url,
    base,
    token,
    viewerToken,
    wallUrl,
    wsUrl: (t = token) => `${base.replace('http', 'ws')}api${t === null ? '' : `?token=${t}`}`,
    dataDir,
    child,
    startedAt,
    output: () => out,
    stop(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', (code) => {
          clearTimeout(kill);
          resolve(code);
        });
        child.kill(signal);
      });
    },
  };
}

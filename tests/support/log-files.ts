// A log being written the way daemons write them, for tests that follow it over SSH: one file
// descriptor opened with O_APPEND and kept, rotation by rename (logrotate's default: the writer
// keeps writing the old file until it reopens, as after a HUP) and by copytruncate (copy, then
// truncate in place: the writer never notices). Also: the processes still running on the host
// for a file (the test's sshd is this machine), to prove no `tail` outlives its view.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class LogWriter {
  private fd: number;
  written: string[] = [];

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'a');
  }

  line(text: string): void {
    fs.writeSync(this.fd, `${text}\n`);
    this.written.push(text);
  }

  raw(bytes: Uint8Array | string): void {
    fs.writeSync(this.fd, typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
  }

  /** logrotate without copytruncate: file -> file.1 (older ones shifted); the writer reopens later. */
  renameRotate(): void {
    for (let i = 8; i >= 1; i--) if (fs.existsSync(`${this.file}.${i}`)) fs.renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    fs.renameSync(this.file, `${this.file}.1`);
  }

  /** What a daemon does on HUP after a rotation: a new file under the name. */
  reopen(): void {
    fs.closeSync(this.fd);
    this.fd = fs.openSync(this.file, 'a');
  }

  /** logrotate copytruncate: copy to file.1, then cut the original to zero while it stays open. */
  copyTruncate(): void {
    for (let i = 8; i >= 1; i--) if (fs.existsSync(`${this.file}.${i}`)) fs.renameSync(`${this.file}.${i}`, `${this.file}.${i + 1}`);
    fs.copyFileSync(this.file, `${this.file}.1`);
    fs.truncateSync(this.file, 0);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

export function logDir(prefix = 'opsdeck-logs-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** pids of live processes whose command line mentions `needle` (zombies count as gone). */
export function processesMentioning(needle: string): Array<{ pid: number; cmdline: string }> {
  const out: Array<{ pid: number; cmdline: string }> = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
      if (cmdline.includes(needle)) out.push({ pid: Number(name), cmdline: cmdline.trim() });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** `pgrep -f` for the same question, as an operator would ask it. */
export async function pgrep(pattern: string): Promise<number[]> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile('pgrep', ['-f', pattern], (err, stdout) => resolve(err ? [] : stdout.trim().split('\n').filter(Boolean).map(Number)));
  });
}

// Following a log over a real sshd on loopback, through one SSH login: the last lines first,
// rotation by rename and by copytruncate twice each while the log is written, a 10 MB line,
// invalid UTF-8 and a character split across two writes, no `tail` left after the view closes,
// and a dropped connection resumed without a line twice.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LogBatch, LogItem } from '../../../src/shared/logs';
import { systemClock } from '../../../src/main/engine/core/clock';
import { nullLogger } from '../../../src/main/engine/core/logger';
import { FileFollower } from '../../../src/main/engine/logs/file-follower';
import type { ProcessOpener } from '../../../src/main/engine/logs/run-script';
import { MemoryHostKeyStore } from '../../../src/main/engine/transport/host-key-policy';
import { SshConnection } from '../../../src/main/engine/transport/ssh-connection';
import { LogWriter, logDir, pgrep, processesMentioning } from '../../support/log-files';
import { startSshd, type SshdHandle } from '../../support/sshd';
import { waitFor } from '../../support/wait-for';

let sshd: SshdHandle;
let connection: SshConnection;
let dir: string;
const followers: FileFollower[] = [];

beforeAll(async () => {
  sshd = await startSshd();
  const hostKeys = new MemoryHostKeyStore();
  hostKeys.trust(sshd.host, sshd.port, sshd.hostKeyBlob());
  connection = new SshConnection({ host: sshd.host, port: sshd.port, credentials: { username: sshd.user, privateKey: sshd.clientKey.privateKey }, hostKeys, readyTimeoutMs: 10_000 });
  dir = logDir();
});
afterEach(async () => {
  await Promise.all(followers.splice(0).map((f) => f.close()));
});
afterAll(async () => {
  await connection?.close();
  await sshd?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const open: ProcessOpener = (script, opts) => connection.openProcess(script, opts);

function follow(file: string, lines = 10) {
  const items: LogItem[] = [];
  const batches: LogBatch[] = [];
  const follower = new FileFollower({
    open,
    path: file,
    lines,
    clock: systemClock,
    logger: nullLogger,
    sink: (b) => {
      batches.push({ subscriptionId: 't', batch: batches.length + 1, ...b });
      items.push(...b.items);
    },
  });
  followers.push(follower);
  follower.start();
  const events = () => items.filter((i): i is Extract<LogItem, { type: 'event' }> => i.type === 'event');
  const texts = () => events().flatMap((e) => e.text.split('\n'));
  const marks = () => items.filter((i): i is Extract<LogItem, { type: 'mark' }> => i.type === 'mark');
  return { follower, items, batches, events, texts, marks };
}

const until = (check: () => boolean, timeout = 20_000) => waitFor(check.toString().slice(0, 120), async () => check(), timeout);

describe('following a log file over SSH', () => {
  it('shows the last lines first, then what is written, with their levels', async () => {
    const file = path.join(dir, 'first.log');
    const w = new LogWriter(file);
    for (let i = 1; i <= 20; i++) w.line(`2026-12-06 10:00:${String(i).padStart(2, '0')} ${i % 5 === 0 ? 'ERROR' : 'INFO'} line ${i}`);
    const view = follow(file, 10);
    await until(() => view.texts().length >= 10);
    expect(view.texts()).toEqual(w.written.slice(10));
    w.line('2026-12-06 10:00:21 WARN line 21');
    await until(() => view.texts().length === 11);
    expect(view.events().map((e) => e.level)).toEqual(['info', 'info', 'info', 'info', 'error', 'info', 'info', 'info', 'info', 'error', 'warn']);
    expect(view.follower.state).toBe('following');
    w.close();
  });

  it('yields every line once across two rename rotations and two copytruncates while the log is written', async () => {
    const file = path.join(dir, 'rotating.log');
    const w = new LogWriter(file);
    let n = 0;
    const write = (count: number) => {
      for (let i = 0; i < count; i++) w.line(`line ${++n} ${n % 7 === 0 ? 'ERROR' : 'INFO'} payload`);
    };
    write(5);
    const view = follow(file, 0);
    await until(() => view.follower.state === 'following');
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (const rotation of ['rename', 'copytruncate', 'rename', 'copytruncate'] as const) {
      write(30);
      await pause(150);
      if (rotation === 'rename') {
        w.renameRotate();
        // The daemon keeps writing the renamed file until it is told to reopen.
        write(5);
        await pause(100);
        w.reopen();
      } else {
        w.copyTruncate();
      }
      write(30);
      await pause(400);
    }
    write(10);
    const expected = w.written.slice(5);
    await until(() => view.texts().length >= expected.length, 30_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(view.texts()).toEqual(expected);
    const kinds = view.marks().map((m) => m.kind);
    expect(kinds.filter((k) => k === 'rotated')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'truncated')).toHaveLength(2);
    // The copy was made and truncated with no write in between: nothing was lost, so no gap.
    expect(kinds).not.toContain('gap');
    w.close();
  });

  it('marks the copytruncate gap where lines written between the copy and the truncation are lost', async () => {
    const file = path.join(dir, 'racing.log');
    const w = new LogWriter(file);
    const view = follow(file, 0);
    await until(() => view.follower.state === 'following');
    for (let i = 1; i <= 10; i++) w.line(`before ${i}`);
    await until(() => view.texts().length === 10);
    // logrotate's copytruncate race: the daemon writes after the copy and before the truncation.
    fs.copyFileSync(file, `${file}.1`);
    for (let i = 1; i <= 3; i++) w.line(`lost ${i}`);
    fs.truncateSync(file, 0);
    for (let i = 1; i <= 5; i++) w.line(`after ${i}`);
    await until(() => view.texts().some((t) => t === 'after 5'));
    const seen = view.texts();
    const expectedWithout = [...w.written.filter((t) => !t.startsWith('lost'))];
    // Each line at most once, in order; the lines of the race are the only ones that may be missing.
    expect(seen.filter((t) => !t.startsWith('lost'))).toEqual(expectedWithout);
    expect(new Set(seen).size).toBe(seen.length);
    // And the view says where: the truncation mark sits between the last line before and the first after.
    const order = view.items.map((i) => (i.type === 'mark' ? `#${i.kind}` : i.text));
    const mark = order.indexOf('#truncated');
    expect(mark).toBeGreaterThan(order.indexOf('before 10'));
    expect(mark).toBeLessThan(order.indexOf('after 1'));
    w.close();
  });

  it('keeps a 10 MB line to its first 64 KiB, turns invalid bytes into U+FFFD and a split character whole', async () => {
    const file = path.join(dir, 'odd.log');
    const w = new LogWriter(file);
    w.line('before');
    const view = follow(file, 1);
    await until(() => view.texts().length === 1);
    const big = Buffer.alloc(10 * 1024 * 1024, 0x41);
    for (let at = 0; at < big.length; at += 1024 * 1024) w.raw(big.subarray(at, at + 1024 * 1024));
    w.raw('\nafter\n');
    w.raw(Uint8Array.from([0xff, 0xfe, 0x6f, 0x6b, 0x0a]));
    const split = Buffer.from('주문 실패\n');
    w.raw(split.subarray(0, 1));
    await new Promise((r) => setTimeout(r, 300));
    w.raw(split.subarray(1));
    await until(() => view.texts().length >= 5);
    const events = view.events();
    expect(events[1]!.cut).toBe(true);
    expect(events[1]!.text.length).toBe(64 * 1024);
    expect(view.texts().slice(2)).toEqual(['after', '\uFFFD\uFFFDok', '주문 실패']);
    w.close();
  });

  it('leaves no process on the server once the view is closed', async () => {
    const file = path.join(dir, 'closing.log');
    const w = new LogWriter(file);
    w.line('hello');
    const view = follow(file, 5);
    await until(() => view.texts().length === 1);
    expect((await pgrep('tail -F')).length).toBeGreaterThan(0);
    expect(processesMentioning('closing.log').some((p) => p.cmdline.startsWith('tail -F'))).toBe(true);
    await view.follower.close();
    await until(() => processesMentioning('closing.log').length === 0, 5_000);
    expect(processesMentioning('closing.log')).toEqual([]);
    expect(connection.stats().processesOpen).toBe(0);
    w.close();
  });

  it('resumes after the connection drops with no line twice and none missing, and no tail left behind', async () => {
    const file = path.join(dir, 'dropping.log');
    const w = new LogWriter(file);
    let n = 0;
    const write = (count: number) => {
      for (let i = 0; i < count; i++) w.line(`entry ${++n}`);
    };
    write(3);
    const view = follow(file, 3);
    await until(() => view.texts().length === 3);
    const tails = processesMentioning('dropping.log').filter((p) => p.cmdline.startsWith('tail -F'));
    expect(tails).toHaveLength(1);
    const loginsBefore = connection.stats().logins;
    // Kill this login's session on the server: the TCP connection drops, as on a network failure.
    const session = processesMentioning('sshd:').filter((p) => /sshd: \S+ \[priv\]|sshd: \S+@notty/.test(p.cmdline));
    for (const p of session) process.kill(p.pid, 'SIGKILL');
    await until(() => view.follower.state === 'reconnecting', 10_000);
    // The remote tail died with its channel, though nobody could signal it.
    await until(() => processesMentioning('dropping.log').filter((p) => p.cmdline.startsWith('tail -F') && tails.some((t) => t.pid === p.pid)).length === 0, 5_000);
    write(20);
    await until(() => view.follower.state === 'following', 30_000);
    write(5);
    await until(() => view.texts().length >= 28, 20_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(view.texts()).toEqual(w.written);
    expect(view.marks().map((m) => m.kind)).toEqual(['reconnecting', 'resumed']);
    expect(connection.stats().logins).toBe(loginsBefore + 1);
    w.close();
  });
});

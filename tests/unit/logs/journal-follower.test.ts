import { describe, expect, it } from 'vitest';
import type { LogItem } from '../../../src/shared/logs';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { nullLogger } from '../../../src/main/engine/core/logger';
import { JournalFollower } from '../../../src/main/engine/logs/journal-follower';
import { fakeProcess, type FakeProcess } from './fake-process';

const entry = (i: number, priority = 6) =>
  `${JSON.stringify({ __CURSOR: `s=abc;i=${i.toString(16)};b=def;m=1;t=2;x=3`, __REALTIME_TIMESTAMP: String(1_765_000_000_000_000 + i * 1000), PRIORITY: String(priority), MESSAGE: `entry ${i}`, _SYSTEMD_UNIT: 'nginx.service' })}\n`;

const tick = () => new Promise((r) => setImmediate(r));

function setup() {
  const clock = new FakeClock(1_765_000_000_000);
  const processes: FakeProcess[] = [];
  const items: LogItem[] = [];
  const errors: string[] = [];
  const follower = new JournalFollower({
    open: async (script) => {
      const p = fakeProcess(script);
      processes.push(p);
      return p;
    },
    selector: { unit: 'nginx.service', priority: null },
    lines: 50,
    clock,
    logger: nullLogger,
    sink: (b) => {
      items.push(...b.items);
      if (b.error) errors.push(b.error.code);
    },
  });
  return { clock, processes, items, follower, errors, texts: () => items.flatMap((i) => (i.type === 'event' ? [i.text] : [])) };
}

describe('JournalFollower', () => {
  it('resumes after a dropped login with --after-cursor of the last entry: nothing twice, nothing skipped', async () => {
    const { clock, processes, items, follower, texts } = setup();
    follower.start();
    await tick();
    expect(processes[0]!.script).toContain("-n 50 -u nginx.service");
    processes[0]!.write(`J ok\n${entry(1, 3)}${entry(2)}${entry(3, 4)}`);
    await tick();
    clock.advance(200);
    expect(texts()).toEqual(['entry 1', 'entry 2', 'entry 3']);
    expect(items.filter((i) => i.type === 'event').map((i) => (i.type === 'event' ? i.level : null))).toEqual(['error', 'info', 'warn']);
    processes[0]!.drop();
    await tick();
    expect(follower.state).toBe('reconnecting');
    clock.advance(1_000);
    await tick();
    expect(processes[1]!.script).toContain("--after-cursor='s=abc;i=3;b=def;m=1;t=2;x=3'");
    expect(processes[1]!.script).not.toContain('-n 50');
    processes[1]!.write(`J ok\n${entry(4)}`);
    await tick();
    clock.advance(200);
    expect(texts()).toEqual(['entry 1', 'entry 2', 'entry 3', 'entry 4']);
    expect(items.filter((i) => i.type === 'mark').map((i) => (i.type === 'mark' ? i.kind : null))).toEqual(['reconnecting', 'resumed']);
    await follower.close();
    expect(processes[1]!.closeCalls).toBe(1);
  });

  it('ends with JOURNAL_UNAVAILABLE where the server has no journalctl', async () => {
    const { processes, follower, errors } = setup();
    follower.start();
    await tick();
    processes[0]!.write('J none\n');
    await tick();
    expect(follower.state).toBe('ended');
    expect(errors).toEqual(['JOURNAL_UNAVAILABLE']);
    expect(processes[0]!.closeCalls).toBe(1);
  });

  it('marks a cursor the journal no longer has as a gap and starts again from the newest entries', async () => {
    const { clock, processes, items, follower } = setup();
    follower.start();
    await tick();
    processes[0]!.write(`J ok\n${entry(7)}`);
    await tick();
    processes[0]!.drop();
    await tick();
    clock.advance(1_000);
    await tick();
    processes[1]!.write('J ok\nFailed to seek to cursor: Invalid argument\n');
    await tick();
    clock.advance(200);
    expect(items.some((i) => i.type === 'mark' && i.kind === 'gap' && i.data?.reason === 'cursor-lost')).toBe(true);
    await tick();
    clock.advance(1_000);
    await tick();
    expect(processes[2]!.script).toContain('-n 50');
    await follower.close();
  });
});

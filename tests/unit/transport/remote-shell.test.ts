// The shell channel wrapper: reads until this poll's end marker, however the bytes arrive,
// and turns silence, runaway output and a dying shell into distinct failures.
import { EventEmitter } from 'node:events';
import type { ClientChannel } from 'ssh2';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/engine/core/clock';
import { compositeMarkerPrefix } from '../../../src/main/engine/parsers/composite-sections';
import { RemoteShell } from '../../../src/main/engine/transport/remote-shell';

class FakeChannel extends EventEmitter {
  readonly stderr = new EventEmitter();
  readonly written: string[] = [];
  signals: string[] = [];
  ended = false;
  closed = false;
  write(text: string) {
    this.written.push(text);
    return true;
  }
  end() {
    this.ended = true;
  }
  signal(name: string) {
    this.signals.push(name);
  }
  close() {
    this.closed = true;
  }
}

const prefix = compositeMarkerPrefix('ab'.repeat(16), 1);
const output = `\n${prefix}begin\n\n${prefix}S:/proc/loadavg\n0.5 0.4 0.3 1/99 1234\n\n${prefix}end\n`;

function setup() {
  const channel = new FakeChannel();
  const clock = new FakeClock();
  let released = 0;
  const shell = new RemoteShell(channel as unknown as ClientChannel, clock, () => released++);
  return { channel, clock, shell, released: () => released };
}

describe('RemoteShell', () => {
  it('resolves at the end marker even when it arrives split across chunks and UTF-8 bytes', async () => {
    const { channel, shell } = setup();
    const run = shell.run('script\n', prefix, 5_000);
    expect(channel.written).toEqual(['script\n']);
    const bytes = Buffer.from(`${output.slice(0, 20)}é${output.slice(20)}`);
    for (let i = 0; i < bytes.length; i += 7) channel.emit('data', bytes.subarray(i, i + 7));
    expect(await run).toBe(`${output.slice(0, 20)}é${output.slice(20)}`);
  });

  it('drops output that arrives while no poll waits for it', async () => {
    const { channel, shell } = setup();
    channel.emit('data', Buffer.from(`stale\n${output}`));
    const run = shell.run('script\n', prefix, 5_000);
    channel.emit('data', Buffer.from(output));
    expect(await run).toBe(output);
  });

  it('fails with a timeout when the end marker does not come, and clears its timer', async () => {
    const { clock, shell } = setup();
    const run = shell.run('script\n', prefix, 1_000);
    clock.advance(1_000);
    await expect(run).rejects.toMatchObject({ kind: 'timeout' });
    expect(clock.pendingTimers()).toBe(0);
  });

  it('fails with "closed" when the shell exits mid-poll, naming its status and stderr', async () => {
    const { channel, shell, released } = setup();
    const run = shell.run('script\n', prefix, 1_000);
    channel.stderr.emit('data', Buffer.from('This account is currently not available.\n'));
    channel.emit('close', 1);
    await expect(run).rejects.toMatchObject({ kind: 'closed', message: expect.stringMatching(/\(status 1\): This account is currently not available/) });
    expect(released()).toBe(1);
    expect(shell.closed).toBe(true);
    await expect(shell.run('again', prefix, 1_000)).rejects.toMatchObject({ kind: 'closed' });
  });

  it('ends stdin for a one-off run and asks for the process to be killed on kill()', async () => {
    const { channel, shell } = setup();
    void shell.run('script\n', prefix, 1_000, { endInput: true }).catch(() => undefined);
    expect(channel.ended).toBe(true);
    shell.kill();
    expect(channel.signals).toEqual(['KILL']);
    expect(channel.closed).toBe(true);
  });
});

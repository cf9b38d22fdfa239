// The scripts OpsDeck sends to a host, run by real shells (dash, bash and busybox sh, fed on
// stdin as over SSH) against real files: each read state, rotation found by inode and by the
// copy's first bytes, and paths built to break out of quoting that stay plain text.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catchUpScript, listScript, readScript } from '../../../src/main/engine/logs/remote-scripts';
import { shellGlob } from '../../../src/main/engine/transport/shell-quote';
import { logDir } from '../../support/log-files';

const dir = logDir('opsdeck-scripts-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const SHELLS: Array<[string, string[]]> = [
  ['dash', ['/usr/bin/dash']],
  ['bash', ['/usr/bin/bash']],
  ['busybox sh', ['/usr/bin/busybox', 'sh']],
];

function run(shell: string[], script: string): { status: string; data: string } {
  const r = spawnSync(shell[0]!, shell.slice(1), { input: `LC_ALL=C; export LC_ALL\n${script}`, encoding: 'latin1' });
  const out = r.stdout;
  const nl = out.indexOf('\n');
  return { status: out.slice(0, nl), data: out.slice(nl + 1) };
}

const idOf = (file: string) => {
  const s = fs.statSync(file);
  return `${s.dev}:${s.ino}`;
};
const hex = (text: string) => Buffer.from(text).toString('hex');

describe.each(SHELLS)('the read script under %s', (_name, shell) => {
  const file = path.join(dir, `${_name.replace(' ', '-')} app's $(touch pwned) log.log`);

  it('learns where a file ends, then reads what it gained', () => {
    fs.writeFileSync(file, 'one\ntwo\n');
    const start = run(shell, readScript({ path: file, id: null, offset: 0, max: 1000, head: null }));
    expect(start.status).toBe(`S ${idOf(file)} 8 start ${hex('one\ntwo\n')}`);
    fs.appendFileSync(file, 'three\n');
    const read = run(shell, readScript({ path: file, id: idOf(file), offset: 8, max: 1000, head: hex('one\ntwo\n') }));
    expect(read).toEqual({ status: `S ${idOf(file)} 14 data 8 6`, data: 'three\n' });
    expect(fs.existsSync(path.join(dir, 'pwned'))).toBe(false);
  });

  it('finds the renamed file by its inode and reads its rest', () => {
    fs.writeFileSync(file, 'a\nb\n');
    const old = idOf(file);
    fs.appendFileSync(file, 'c\n');
    fs.renameSync(file, `${file}.1`);
    fs.writeFileSync(file, 'new\n');
    const r = run(shell, readScript({ path: file, id: old, offset: 4, max: 1000, head: hex('a\nb\n') }));
    expect(r).toEqual({ status: `S ${idOf(file)} 4 old 4 2 6`, data: 'c\n' });
    expect(run(shell, catchUpScript({ path: file, id: old, offset: 4, max: 1000, head: null, mode: 'rest' }))).toEqual({ status: 'S - - old 4 2 6', data: 'c\n' });
    fs.rmSync(`${file}.1`);
  });

  it('finds a copytruncate copy by its first bytes, even when the file has grown back past the offset', () => {
    fs.writeFileSync(file, 'first line\nsecond\n');
    const id = idOf(file);
    fs.appendFileSync(file, 'third\n');
    fs.copyFileSync(file, `${file}.1`);
    fs.truncateSync(file, 0);
    fs.appendFileSync(file, 'after the truncation, longer than before\n');
    const r = run(shell, readScript({ path: file, id, offset: 18, max: 1000, head: hex('first line\nsecond\n') }));
    expect(r).toEqual({ status: `S ${id} 41 copy 18 6 24`, data: 'third\n' });
    fs.rmSync(`${file}.1`);
    expect(run(shell, readScript({ path: file, id, offset: 18, max: 1000, head: hex('first line\nsecond\n') })).status).toBe(`S ${id} 41 truncated`);
  });

  it('says missing, not a file, and a file that vanished', () => {
    const missing = path.join(dir, 'nope.log');
    expect(run(shell, readScript({ path: missing, id: null, offset: 0, max: 10, head: null })).status).toBe('S - - missing');
    expect(run(shell, readScript({ path: dir, id: null, offset: 0, max: 10, head: null })).status).toBe('S - - notfile');
    fs.writeFileSync(file, 'x\n');
    expect(run(shell, readScript({ path: file, id: '1:1', offset: 0, max: 10, head: null })).status).toBe(`S ${idOf(file)} 2 lost`);
  });

  it('lists the files a pattern matches, newest first, with quoting around the literal parts', () => {
    const sub = path.join(dir, `lists ${_name.replace(' ', '-')}`);
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'a.log'), 'a');
    fs.writeFileSync(path.join(sub, 'b.log'), 'bb');
    fs.utimesSync(path.join(sub, 'a.log'), new Date(), new Date(Date.now() - 60_000));
    fs.writeFileSync(path.join(sub, 'c.txt'), 'c');
    const r = run(shell, listScript(path.join(sub, '*.log'), 10));
    expect(r.status).toBe('L 2');
    expect(r.data.trim().split('\n').map((l) => l.replace(/^\d+ /, ''))).toEqual([`2 ${sub}/b.log`, `1 ${sub}/a.log`]);
  });
});

describe('shellGlob', () => {
  it('quotes literal parts and leaves only *, ? and simple classes to the shell', () => {
    expect(shellGlob('/var/log/my app/*.log')).toBe("'/var/log/my app/'*.log");
    expect(shellGlob("/x/$(rm -rf ~)'*")).toBe("'/x/$(rm -rf ~)'\\'''*");
    expect(shellGlob('/var/log/app-[0-9].log')).toBe('/var/log/app-[0-9].log');
    expect(shellGlob('/var/log/[;reboot].log')).toBe("'/var/log/[;reboot].log'");
    expect(() => shellGlob('/x\n/y')).toThrow();
  });
});

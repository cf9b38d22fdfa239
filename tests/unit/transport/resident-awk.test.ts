// The resident awk, run by a real local /bin/sh with each awk a Linux host is likely to have
// (mawk: Debian and Ubuntu; busybox: Alpine, embedded, containers), and a host with no awk.
// The channel is a child process standing in for the SSH session channel: RemoteShell sees
// the same byte stream sshd would relay.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClientChannel } from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/main/engine/core/clock';
import { compositeMarkerPrefix, splitCompositeSections } from '../../../src/main/engine/parsers/composite-sections';
import {
  buildCompositeScript,
  buildResidentRequest,
  FAST_SECTIONS,
  RESIDENT_READY,
  residentBootstrap,
  sectionName,
  SHELL_PRELUDE,
  SLOW_SECTIONS,
  type SectionSpec,
} from '../../../src/main/engine/transport/composite-script';
import { parseMeminfo } from '../../../src/main/engine/parsers/meminfo';
import { parseProcStat } from '../../../src/main/engine/parsers/proc-stat';
import { RemoteShell } from '../../../src/main/engine/transport/remote-shell';

const NONCE = 'cd'.repeat(16);
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A directory whose only program is `awk`, running the given flavour (or no awk at all). */
function pathWith(awk: string | null): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-awk-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  if (awk) fs.writeFileSync(path.join(dir, 'awk'), `#!/bin/sh\nexec ${awk} "$@"\n`, { mode: 0o755 });
  // The slow cadence's commands still need the system's tools; only awk is swapped.
  const tools = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-tools-'));
  cleanups.push(() => fs.rmSync(tools, { recursive: true, force: true }));
  for (const tool of ['df', 'ps', 'uname', 'cat', 'sleep']) {
    const found = ['/usr/bin', '/bin'].map((d) => path.join(d, tool)).find((p) => fs.existsSync(p));
    if (found) fs.symlinkSync(found, path.join(tools, tool));
  }
  return `${dir}:${tools}`;
}

/** Starts /bin/sh as a channel: stdout is data, stdin is write, exit is close. */
function localChannel(PATH: string) {
  const child = spawn('/bin/sh', [], { env: { PATH, HOME: os.tmpdir() }, stdio: ['pipe', 'pipe', 'pipe'] });
  const channel = Object.assign(new EventEmitter(), {
    stderr: child.stderr,
    write: (text: string) => child.stdin.write(text),
    end: () => child.stdin.end(),
    signal: (name: string) => child.kill(`SIG${name}` as NodeJS.Signals),
    close: () => child.kill('SIGKILL'),
  });
  child.stdout.on('data', (chunk: Buffer) => channel.emit('data', chunk));
  child.stdin.on('error', () => undefined);
  child.on('exit', (code, signal) => channel.emit('close', code, signal));
  cleanups.push(() => child.kill('SIGKILL'));
  const shell = new RemoteShell(channel as unknown as ClientChannel, systemClock, () => undefined);
  shell.send(SHELL_PRELUDE);
  return { shell, child };
}

const flavours = [
  { name: 'mawk', awk: '/usr/bin/mawk' },
  { name: 'busybox awk', awk: '/usr/bin/busybox awk' },
].filter((f) => fs.existsSync(f.awk.split(' ')[0]!));

describe('the resident awk', () => {
  it('has at least the two flavours to test (mawk; busybox, which .ci/run installs)', () => {
    expect(flavours.map((f) => f.name)).toEqual(['mawk', 'busybox awk']);
  });

  for (const flavour of flavours) {
    describe(flavour.name, () => {
      it('answers several fast polls on one process, with the same sections as the composite script', async () => {
        const { shell, child } = localChannel(pathWith(flavour.awk));
        expect(await shell.startResident(5_000)).toBe('resident');
        for (let seq = 1; seq <= 3; seq++) {
          const prefix = compositeMarkerPrefix(NONCE, seq);
          const parsed = splitCompositeSections(await shell.run(buildResidentRequest(FAST_SECTIONS, prefix), prefix, 5_000), prefix);
          if (!parsed.ok) throw new Error(parsed.detail);
          expect([...parsed.sections.keys()]).toEqual(FAST_SECTIONS.map(sectionName));
          expect(parsed.sections.get('/proc/stat')).toMatch(/^cpu /);
          expect(parsed.sections.get('/proc/uptime')).toMatch(/^\d+\.\d+ \d+\.\d+\n$/);
        }
        // The shell exec'd awk: the channel's process is still the one that answered every poll.
        expect(fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')).toMatch(/awk/);
      });

      it('runs the slow-cadence commands with stdin closed, so a command cannot eat the next request', async () => {
        const { shell } = localChannel(pathWith(flavour.awk));
        await shell.startResident(5_000);
        const sections: SectionSpec[] = [...SLOW_SECTIONS, { kind: 'command', name: 'greedy', command: 'cat' }];
        let prefix = compositeMarkerPrefix(NONCE, 1);
        const parsed = splitCompositeSections(await shell.run(buildResidentRequest(sections, prefix), prefix, 5_000), prefix);
        if (!parsed.ok) throw new Error(parsed.detail);
        expect(parsed.sections.get('df')).toMatch(/^Filesystem\s+/);
        expect(parsed.sections.get('ps')).toMatch(/^\s*\d+\s+\d/);
        expect(parsed.sections.get('uname')).toMatch(/^Linux /);
        expect(parsed.sections.get('greedy')).toBe('');
        prefix = compositeMarkerPrefix(NONCE, 2);
        const next = splitCompositeSections(await shell.run(buildResidentRequest([{ kind: 'file', path: '/proc/loadavg' }], prefix), prefix, 5_000), prefix);
        expect(next.ok && next.sections.get('/proc/loadavg')).toMatch(/^\d/);
      });

      it('sends only the /proc/stat and /proc/meminfo lines the parsers read, and they read the same values', async () => {
        const fixtures = path.join(__dirname, '../../fixtures/proc');
        const { shell } = localChannel(pathWith(flavour.awk));
        await shell.startResident(5_000);
        const parsers = { '/proc/stat': parseProcStat, '/proc/meminfo': parseMeminfo } as const;
        let seq = 0;
        let compared = 0;
        for (const dir of fs.readdirSync(fixtures)) {
          for (const spec of FAST_SECTIONS) {
            if (spec.kind !== 'file' || !spec.keep) continue;
            const fixture = path.join(fixtures, dir, path.basename(spec.path));
            if (!fs.existsSync(fixture)) continue;
            const prefix = compositeMarkerPrefix(NONCE, ++seq);
            const parsed = splitCompositeSections(await shell.run(buildResidentRequest([{ ...spec, path: fixture }], prefix), prefix, 5_000), prefix);
            if (!parsed.ok) throw new Error(parsed.detail);
            const full = fs.readFileSync(fixture, 'utf8');
            const kept = parsed.sections.get(fixture)!;
            expect(kept.length, fixture).toBeLessThan(full.length);
            const parse = parsers[spec.path as keyof typeof parsers];
            expect(parse(kept), fixture).toEqual(parse(full));
            expect(parse(full), fixture).not.toBeNull();
            compared++;
          }
        }
        expect(compared).toBeGreaterThanOrEqual(4);
      });

      it('leaves out unreadable files and reads odd paths literally', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "opsdeck it's "));
        cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
        const odd = path.join(dir, '$(touch pwned) `x` %s');
        fs.writeFileSync(odd, 'odd content\n');
        const { shell } = localChannel(pathWith(flavour.awk));
        await shell.startResident(5_000);
        const prefix = compositeMarkerPrefix(NONCE, 1);
        const sections: SectionSpec[] = [{ kind: 'file', path: '/nonexistent/file' }, { kind: 'file', path: odd }, { kind: 'file', path: '/proc/loadavg' }];
        const parsed = splitCompositeSections(await shell.run(buildResidentRequest(sections, prefix), prefix, 5_000), prefix);
        expect(parsed.ok && [...parsed.sections.keys()]).toEqual([odd, '/proc/loadavg']);
        expect(parsed.ok && parsed.sections.get(odd)).toBe('odd content\n');
        expect(fs.existsSync(path.join(dir, 'pwned'))).toBe(false);
      });
    });
  }

  it('leaves nothing for awk to read when the shell is bash, which reads its input a byte at a time', async () => {
    const child = spawn('/bin/bash', ['--norc', '--noprofile'], { env: { PATH: pathWith('/usr/bin/mawk') }, stdio: ['pipe', 'pipe', 'ignore'] });
    cleanups.push(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stdin.write(SHELL_PRELUDE + residentBootstrap());
    await expect.poll(() => out, { timeout: 5_000 }).toContain(RESIDENT_READY);
    // Anything the shell had not consumed would now reach awk as a request and be answered.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(out).toBe(RESIDENT_READY);
  });

  it('stays a shell on a host without awk, and the composite script still answers there', async () => {
    const { shell } = localChannel(pathWith(null));
    expect(await shell.startResident(5_000)).toBe('script');
    const prefix = compositeMarkerPrefix(NONCE, 1);
    const output = await shell.run(buildCompositeScript([{ kind: 'command', name: 'hello', command: 'printf hi' }], prefix), prefix, 5_000);
    const parsed = splitCompositeSections(output, prefix);
    expect(parsed.ok && parsed.sections.get('hello')).toBe('hi');
  });

  it('refuses request fields a line protocol cannot carry', () => {
    const prefix = compositeMarkerPrefix(NONCE, 1);
    expect(() => buildResidentRequest([{ kind: 'file', path: '/tmp/a\tb' }], prefix)).toThrow(/tab, newline or NUL/);
    expect(() => buildResidentRequest([{ kind: 'command', name: 'x', command: 'echo a\necho b' }], prefix)).toThrow(/tab, newline or NUL/);
    expect(() => buildResidentRequest([{ kind: 'command', name: 'a=b', command: 'true' }], prefix)).toThrow(/cannot contain "="/);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flipOpsDeckFuses, formatReadBack, fuseConfig, OPSDECK_FUSES, packedBinaryPath, readBackFuses, STANDIN_MARKER } from '../../../packaging/fuses.mjs';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
let dir: string;

/** A file laid out like the fuse wire inside an Electron binary: sentinel, version 1, length, one byte per fuse. */
function fakeElectron(wire: string): string {
  const file = path.join(dir, 'electron');
  fs.writeFileSync(file, Buffer.concat([Buffer.from('\x7fELF...padding...'), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire, 'latin1'), Buffer.from('...rest')]));
  return file;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-fuses-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('fuse configuration', () => {
  it('turns off RunAsNode, NODE_OPTIONS, --inspect and file:// privileges; turns on cookie encryption, ASAR integrity and asar-only loading', () => {
    expect(OPSDECK_FUSES).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      GrantFileProtocolExtraPrivileges: false,
      EnableCookieEncryption: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    });
  });

  it('maps each fuse to its index in the wire for @electron/fuses', () => {
    const config = fuseConfig() as unknown as Record<number | string, unknown>;
    expect(config.version).toBe('1');
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBeUndefined(); // left as Electron ships it
    expect(fuseConfig({ resetAdHocDarwinSignature: true }).resetAdHocDarwinSignature).toBe(true);
  });

  it('flips a binary\'s wire and reads the intended values back', async () => {
    const binary = fakeElectron('111111111'); // everything on, as Electron ships some of them
    expect((await readBackFuses(binary)).status).toBe('mismatch');
    await flipOpsDeckFuses(binary, { platform: 'linux', log: () => undefined });
    const back = await readBackFuses(binary);
    expect(back.status).toBe('ok');
    expect(back.fuses.map((f) => [f.name, f.actual])).toEqual(Object.entries(OPSDECK_FUSES));
    // Fuses it does not name keep their state (LoadBrowserProcessSpecificV8Snapshot, WasmTrapHandlers).
    const raw = fs.readFileSync(binary);
    const wire = raw.subarray(raw.indexOf(SENTINEL) + SENTINEL.length + 2, raw.indexOf(SENTINEL) + SENTINEL.length + 11).toString('latin1');
    // RunAsNode 0, cookies 1, NODE_OPTIONS 0, inspect 0, integrity 1, asar-only 1, V8 snapshot 1 (kept), file:// 0, wasm 1 (kept).
    expect(wire).toBe('010011101');
  });

  it('reports a fuse that is still on as a failure, by name', async () => {
    const binary = fakeElectron('101000100'); // RunAsNode on
    const back = await readBackFuses(binary);
    expect(back.status).toBe('mismatch');
    expect(formatReadBack(back).find((l: string) => l.includes('RunAsNode'))).toMatch(/FAIL RunAsNode on \(want off\)/);
  });

  it('skips the CI stand-in and says so, but refuses any other binary without a fuse wire', async () => {
    const standIn = path.join(dir, 'opsdeck');
    fs.writeFileSync(standIn, `#!/bin/sh\n# ${STANDIN_MARKER}\nexit 1\n`);
    const lines: string[] = [];
    await expect(flipOpsDeckFuses(standIn, { platform: 'linux', log: (l: string) => lines.push(l) })).resolves.toEqual({ skipped: true });
    expect(lines[0]).toMatch(/SKIPPED.*stand-in/);
    const back = await readBackFuses(standIn);
    expect(back.status).toBe('skipped');
    expect(formatReadBack(back)[0]).toMatch(/^fuses: SKIPPED \(opsdeck is the CI stand-in/);

    const notElectron = path.join(dir, 'something');
    fs.writeFileSync(notElectron, '#!/bin/sh\nexit 0\n');
    await expect(flipOpsDeckFuses(notElectron, { platform: 'linux', log: () => undefined })).rejects.toThrow(/sentinel/);
  });

  it('finds the executable of a packed app on each platform', () => {
    expect(packedBinaryPath('/d/linux-unpacked', 'linux', 'opsdeck')).toBe(path.join('/d/linux-unpacked', 'opsdeck'));
    expect(packedBinaryPath('/d/win-unpacked', 'win32', 'OpsDeck')).toBe(path.join('/d/win-unpacked', 'OpsDeck.exe'));
    expect(packedBinaryPath('/d/mac-arm64', 'darwin', 'OpsDeck')).toBe(path.join('/d/mac-arm64', 'OpsDeck.app'));
  });
});

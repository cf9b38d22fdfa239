// The real packaging, offline: electron-builder --linux dir against the stand-in Electron, then
// every check of packaging/check-package.mjs on the result. .ci/run packs into dist/ first and
// points OPSDECK_PACKED_APP at it; otherwise this test packs into a temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPackedApp, formatResults } from '../../../packaging/check-package.mjs';
import { packLinuxDir } from '../../../packaging/pack-linux-dir.mjs';

const repo = path.resolve(__dirname, '../../..');
let appDir: string;
let tempOut: string | null = null;
let results: Array<{ name: string; ok: boolean; detail: string; skipped: boolean }> = [];

beforeAll(async () => {
  if (process.env.OPSDECK_PACKED_APP) {
    appDir = path.resolve(repo, process.env.OPSDECK_PACKED_APP);
  } else {
    tempOut = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-pack-'));
    appDir = packLinuxDir(tempOut, { quiet: true });
  }
  results = await checkPackedApp(appDir);
}, 120_000);
afterAll(() => {
  if (tempOut) fs.rmSync(tempOut, { recursive: true, force: true });
});

const CHECKS = [
  'app.asar exists',
  'package.json main is packed',
  'built main, engine host, preload and renderer are packed',
  'every script and style index.html loads is packed',
  "packed index.html is the build's",
  'no sources, tests, docs, configs or gzip copies',
  'no dev dependencies in node_modules',
  'every package the bundles require is packed',
  'native: better-sqlite3',
  'native: keytar',
  'native: ssh2 crypto',
  'native: cpu-features',
  'only native binaries are unpacked',
  'fuses',
];

describe('packed desktop app (electron-builder --linux dir)', () => {
  it('ran every check', () => {
    expect(results.map((r) => r.name)).toEqual(CHECKS);
  });

  it.each(CHECKS)('%s', (name) => {
    const result = results.find((r) => r.name === name);
    expect(result, formatResults(results).join('\n')).toBeDefined();
    expect(result!.ok, `${name}: ${result!.detail}`).toBe(true);
  });

  it('says plainly that the fuses were skipped on the stand-in, and reads them where a real binary is', () => {
    const fuses = results.find((r) => r.name === 'fuses')!;
    const standIn = fs.readFileSync(path.join(appDir, 'opsdeck'), 'latin1').includes('OPSDECK-ELECTRON-STANDIN');
    if (standIn) expect(fuses).toMatchObject({ skipped: true, detail: expect.stringMatching(/SKIPPED .*stand-in/) });
    else expect(fuses).toMatchObject({ skipped: false, detail: expect.not.stringMatching(/FAIL/) });
  });

  it('registers the file types the app exports (electron-builder.yml and src/shared/file-types.ts agree)', async () => {
    const { GLOSSARY_FILE_EXTENSION, PLAYBOOK_FILE_EXTENSION } = await import('../../../src/shared/file-types');
    const yml = fs.readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8');
    const exts = [...yml.matchAll(/^\s+- ext: (\S+)$/gm)].map((m) => `.${m[1]}`);
    expect(exts.sort()).toEqual([GLOSSARY_FILE_EXTENSION, PLAYBOOK_FILE_EXTENSION].sort());
  });
});

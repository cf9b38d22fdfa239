import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPackageWithOptions } from '@electron/asar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPackedApp } from '../../../packaging/check-package.mjs';
import { STANDIN_MARKER } from '../../../packaging/fuses.mjs';

let dir: string;
let project: string;
let app: string;

type Files = Record<string, string>;

const GOOD_APP: Files = {
  'package.json': JSON.stringify({ name: 'opsdeck', main: './out/main/index.js' }),
  'out/main/index.js': 'require("electron"); require("node:path"); require("better-sqlite3");',
  'out/main/engine-host.js': 'require("zod")',
  'out/preload/index.js': 'require("electron")',
  'out/renderer/index.html': '<script type="module" crossorigin src="./assets/index-a1.js"></script><link rel="stylesheet" href="./assets/index-a1.css">',
  'out/renderer/assets/index-a1.js': 'x',
  'out/renderer/assets/index-a1.css': 'x',
  'node_modules/better-sqlite3/package.json': '{}',
  'node_modules/better-sqlite3/lib/index.js': 'x',
  [`node_modules/better-sqlite3/prebuilds/linux-${process.arch}.node`]: 'binary',
  'node_modules/zod/package.json': '{}',
};

/** A project folder: package.json, package-lock.json and the native binary the check looks for. */
function makeProject() {
  fs.mkdirSync(path.join(project, 'node_modules/better-sqlite3/prebuilds'), { recursive: true });
  fs.writeFileSync(path.join(project, `node_modules/better-sqlite3/prebuilds/linux-${process.arch}.node`), 'binary');
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ dependencies: { 'better-sqlite3': '1', zod: '1' }, optionalDependencies: { keytar: '1' }, devDependencies: { vite: '1' } }));
  fs.writeFileSync(
    path.join(project, 'package-lock.json'),
    JSON.stringify({ packages: { '': {}, 'node_modules/better-sqlite3': {}, 'node_modules/zod': {}, 'node_modules/vite': { dev: true } } }),
  );
}

/** Packs `files` the way electron-builder does: app.asar with *.node beside it in app.asar.unpacked. */
async function pack(files: Files, { unpackNative = true, binary = `#!/bin/sh\n# ${STANDIN_MARKER}\n` } = {}) {
  const src = path.join(dir, 'src-app');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(src, name)), { recursive: true });
    fs.writeFileSync(path.join(src, name), content);
  }
  fs.mkdirSync(path.join(app, 'resources'), { recursive: true });
  await createPackageWithOptions(src, path.join(app, 'resources', 'app.asar'), unpackNative ? { unpack: '*.node' } : {});
  fs.writeFileSync(path.join(app, 'opsdeck'), binary, { mode: 0o755 });
}

const check = () => checkPackedApp(app, { platform: 'linux', arch: process.arch, executableName: 'opsdeck', projectRoot: project });
const failures = (results: Array<{ name: string; ok: boolean; detail: string }>) => results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.detail}`);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-check-package-'));
  project = path.join(dir, 'project');
  app = path.join(dir, 'linux-unpacked');
  fs.mkdirSync(project);
  makeProject();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('asar content check', () => {
  it('passes a package with the built app, production modules and the native binary beside the asar', async () => {
    await pack(GOOD_APP);
    const results = await check();
    expect(failures(results)).toEqual([]);
    expect(results.find((r) => r.name === 'fuses')).toMatchObject({ ok: true, skipped: true });
    expect(results.find((r) => r.name === 'native: keytar')).toMatchObject({ skipped: true }); // optional, not installed in this project
  });

  it('fails when sources, tests or configs are packed', async () => {
    await pack({ ...GOOD_APP, 'src/main/app/index.ts': 'x', 'tests/unit/a.test.ts': 'x', 'tsconfig.json': '{}', 'out/main/index.js.map': '{}' });
    expect(failures(await check()).join('\n')).toMatch(/no sources, tests, docs, configs or gzip copies: found: .*src\/main\/app\/index\.ts/);
  });

  it('fails when serve\'s gzip copies are packed', async () => {
    await pack({ ...GOOD_APP, 'out/renderer/assets/index-a1.js.gz': 'x' });
    expect(failures(await check()).join('\n')).toMatch(/index-a1\.js\.gz/);
  });

  it('fails when a dev dependency or an unlisted package is packed', async () => {
    await pack({ ...GOOD_APP, 'node_modules/vite/package.json': '{}', 'node_modules/left-pad/package.json': '{}' });
    expect(failures(await check())).toEqual(['no dev dependencies in node_modules: found: left-pad, vite']);
  });

  it('fails when a bundle requires a package that is not packed', async () => {
    await pack({ ...GOOD_APP, 'out/main/engine-host.js': 'require("zod"); require("ws")' });
    expect(failures(await check())).toEqual(['every package the bundles require is packed: missing: ws']);
  });

  it('fails when a built bundle or an asset of index.html is missing', async () => {
    const files = { ...GOOD_APP };
    delete files['out/preload/index.js'];
    delete files['out/renderer/assets/index-a1.css'];
    const found = failures(await (await pack(files), check())).join('\n');
    expect(found).toMatch(/missing: out\/preload\/index\.js/);
    expect(found).toMatch(/missing: out\/renderer\/assets\/index-a1\.css/);
  });

  it('fails when a native binary is inside the asar instead of beside it', async () => {
    await pack(GOOD_APP, { unpackNative: false });
    expect(failures(await check()).join('\n')).toMatch(/native: better-sqlite3: .*NOT marked unpacked, MISSING from app\.asar\.unpacked/);
  });

  it('fails when the fuses of a real binary are not as intended', async () => {
    const wire = Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 9]), Buffer.from('111111111')]);
    await pack(GOOD_APP, { binary: wire.toString('latin1') });
    expect(failures(await check()).join('\n')).toMatch(/fuses: .*FAIL RunAsNode on \(want off\)/);
  });
});

// The offline packaging check: packs `electron-builder --linux dir` against a stand-in Electron
// (no download), then runs packaging/check-package.mjs on the result and prints each check.
//   node packaging/pack-linux-dir.mjs [output folder]   (default dist; needs `npm run build` first)
// Native modules are not rebuilt (-c.npmRebuild=false): that needs Electron's headers, which the
// online workflow has. Exits 1 when packing or a check fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPackedApp, formatResults } from './check-package.mjs';
import { createElectronStandIn } from './electron-standin.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function packLinuxDir(outputDir = path.join(root, 'dist'), { quiet = false } = {}) {
  if (!fs.existsSync(path.join(root, 'out', 'main', 'index.js'))) throw new Error('out/ is missing: run `npm run build` first.');
  const { dir: standIn } = createElectronStandIn();
  fs.rmSync(path.join(outputDir, 'linux-unpacked'), { recursive: true, force: true });
  const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js');
  const args = [cli, '--linux', 'dir', '--publish', 'never', '--projectDir', root, `-c.electronDist=${standIn}`, '-c.npmRebuild=false', `-c.directories.output=${outputDir}`];
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, CI: process.env.CI ?? 'true' } });
  if (!quiet || run.status !== 0) process.stdout.write(run.stdout + run.stderr);
  if (run.status !== 0) throw new Error(`electron-builder --linux dir failed with exit code ${run.status}`);
  return path.join(outputDir, 'linux-unpacked');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  let appDir;
  try {
    appDir = packLinuxDir(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  } catch (err) {
    console.log(`package: FAIL  ${err.message}`);
    process.exit(1);
  }
  const results = await checkPackedApp(appDir);
  for (const line of formatResults(results)) console.log(`package: ${line}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`package: ${path.relative(root, path.join(appDir, 'resources', 'app.asar'))}, ${results.length - failed} checks passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(failed ? 1 : 0);
}

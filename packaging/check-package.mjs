// Checks a packed app folder (dist/linux-unpacked) the way a release would be looked at: app.asar
// holds the built main, preload and renderer and nothing that is not needed (no sources, tests,
// dev dependencies, serve's gzip copies); each native module's binary sits beside the asar where
// the module looks for it; the fuses read back as intended (skipped, and said so, for a stand-in).
//   node packaging/check-package.mjs [dist/linux-unpacked]   exits 1 when a check fails
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listPackage, statFile, extractFile } from '@electron/asar';
import { formatReadBack, packedBinaryPath, readBackFuses } from './fuses.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Native binaries, where each module's JavaScript loads them from. `required`: the app cannot run without it. */
export function nativeModules(platform, arch) {
  return [
    { name: 'better-sqlite3', file: `node_modules/better-sqlite3/prebuilds/${platform}-${arch}.node`, required: true },
    { name: 'keytar', file: 'node_modules/keytar/build/Release/keytar.node', required: false },
    { name: 'ssh2 crypto', file: 'node_modules/ssh2/lib/protocol/crypto/build/Release/sshcrypto.node', required: false },
    { name: 'cpu-features', file: 'node_modules/cpu-features/build/Release/cpufeatures.node', required: false },
  ];
}

// Folders and files of the repository that must never be in the asar.
const FORBIDDEN_TOP = ['src', 'tests', 'docs', 'scripts', 'packaging', 'resources', 'bin', '.ci', '.github', '.electron-standin', 'dist', 'node_modules/.bin'];
const FORBIDDEN_FILE = /\.(ts|tsx|mts|cts|map|gz)$|(^|\/)(tsconfig[^/]*\.json|electron\.vite\.config\.[cm]?[jt]s|vitest\.config\.[cm]?[jt]s|electron-builder\.ya?ml)$/;

/** Package names in node_modules/ of the asar (scoped ones as @scope/name). */
function packagedModules(files) {
  const names = new Set();
  for (const f of files) {
    const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f);
    if (m && !m[1].startsWith('.')) names.add(m[1]);
  }
  return names;
}

/** Production packages according to package-lock.json (not marked dev). */
function productionPackages(lock) {
  const names = new Set();
  for (const [key, meta] of Object.entries(lock.packages ?? {})) {
    if (!key.startsWith('node_modules/') || meta.dev) continue;
    names.add(key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
  }
  return names;
}

/**
 * Runs every check on a packed app folder. Returns [{ name, ok, detail, skipped? }]; `ok` is
 * true for a skipped check (it says why in `detail`).
 */
export async function checkPackedApp(appDir, { platform = 'linux', arch = process.arch, executableName = 'opsdeck', projectRoot = root } = {}) {
  const results = [];
  const add = (name, ok, detail, skipped = false) => results.push({ name, ok, detail, skipped });
  const asarPath = path.join(appDir, 'resources', 'app.asar');
  const unpackedDir = `${asarPath}.unpacked`;
  if (!fs.existsSync(asarPath)) {
    add('app.asar exists', false, `${asarPath} is missing`);
    return results;
  }
  const files = listPackage(asarPath, { isPack: false }).map((f) => f.replace(/^[/\\]+/, '').split(path.sep).join('/'));
  const fileSet = new Set(files);
  const isFile = (f) => {
    try {
      const st = statFile(asarPath, f);
      return !('files' in st);
    } catch {
      return false;
    }
  };
  add('app.asar exists', true, `${files.length} entries`);

  // 1. The built app.
  const pkg = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8'));
  const main = path.posix.normalize(pkg.main ?? '');
  add('package.json main is packed', fileSet.has(main), `main: ${pkg.main}`);
  const bundles = ['out/main/index.js', 'out/main/engine-host.js', 'out/preload/index.js', 'out/renderer/index.html'];
  const missingBundles = bundles.filter((f) => !isFile(f));
  add('built main, engine host, preload and renderer are packed', missingBundles.length === 0, missingBundles.length ? `missing: ${missingBundles.join(', ')}` : bundles.join(', '));
  const html = isFile('out/renderer/index.html') ? extractFile(asarPath, 'out/renderer/index.html').toString('utf8') : '';
  const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => `out/renderer/${m[1]}`);
  const missingAssets = assets.filter((f) => !isFile(f));
  add('every script and style index.html loads is packed', assets.length > 0 && missingAssets.length === 0, missingAssets.length ? `missing: ${missingAssets.join(', ')}` : `${assets.length} assets`);
  const builtHtml = path.join(projectRoot, 'out', 'renderer', 'index.html');
  if (fs.existsSync(builtHtml)) add('packed index.html is the build\'s', fs.readFileSync(builtHtml, 'utf8') === html, 'compared with out/renderer/index.html');

  // 2. Nothing else of the repository.
  const forbidden = files.filter((f) => FORBIDDEN_TOP.some((top) => f === top || f.startsWith(`${top}/`)) || (FORBIDDEN_FILE.test(f) && isFile(f)));
  add('no sources, tests, docs, configs or gzip copies', forbidden.length === 0, forbidden.length ? `found: ${forbidden.slice(0, 8).join(', ')}${forbidden.length > 8 ? ` and ${forbidden.length - 8} more` : ''}` : 'none');
  const lock = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package-lock.json'), 'utf8'));
  const production = productionPackages(lock);
  const devDeps = Object.keys(JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).devDependencies ?? {});
  const packed = packagedModules(files);
  const notProduction = [...packed].filter((n) => !production.has(n) || devDeps.includes(n));
  add('no dev dependencies in node_modules', notProduction.length === 0, notProduction.length ? `found: ${notProduction.join(', ')}` : `${packed.size} production packages`);

  // Every package the packed bundles require is packed too (keytar is optional: loaded when present).
  const optional = new Set(Object.keys(JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).optionalDependencies ?? {}));
  const required = new Set();
  for (const f of files.filter((f) => /^out\/(main|preload)\/.*\.js$/.test(f) && isFile(f))) {
    for (const m of extractFile(asarPath, f).toString('utf8').matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
      const spec = m[1];
      if (spec.startsWith('node:') || spec === 'electron' || isBuiltin(spec)) continue;
      required.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  const unresolved = [...required].filter((n) => !packed.has(n) && !(optional.has(n) && !fs.existsSync(path.join(projectRoot, 'node_modules', n))));
  add('every package the bundles require is packed', unresolved.length === 0, unresolved.length ? `missing: ${unresolved.join(', ')}` : [...required].sort().join(', '));

  // 3. Native modules: marked unpacked in the asar header, and the file beside it.
  for (const mod of nativeModules(platform, arch)) {
    const inProject = fs.existsSync(path.join(projectRoot, mod.file));
    let unpacked = false;
    try {
      unpacked = statFile(asarPath, mod.file).unpacked === true;
    } catch {
      unpacked = false;
    }
    const beside = fs.existsSync(path.join(unpackedDir, mod.file));
    if (!inProject && !mod.required) {
      add(`native: ${mod.name}`, true, `not installed here (optional), ${mod.file}`, true);
      continue;
    }
    add(`native: ${mod.name}`, unpacked && beside, `${mod.file}: ${unpacked ? 'unpacked in the asar header' : 'NOT marked unpacked'}, ${beside ? 'present in app.asar.unpacked' : 'MISSING from app.asar.unpacked'}`);
  }
  const unpackedOther = fs.existsSync(unpackedDir)
    ? fs.readdirSync(unpackedDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.endsWith('.node')).map((e) => path.relative(unpackedDir, path.join(e.parentPath ?? e.path, e.name)))
    : [];
  add('only native binaries are unpacked', unpackedOther.length === 0, unpackedOther.length ? `also unpacked: ${unpackedOther.slice(0, 5).join(', ')}` : 'only *.node');

  // 4. Fuses.
  const binary = packedBinaryPath(appDir, platform, executableName);
  if (!fs.existsSync(binary)) {
    add('fuses', false, `${binary} is missing`);
  } else {
    const readBack = await readBackFuses(binary);
    add('fuses', readBack.status !== 'mismatch', formatReadBack(readBack).join('; '), readBack.status === 'skipped');
  }
  return results;
}

export function formatResults(results) {
  return results.map((r) => `${r.skipped ? 'skip' : r.ok ? 'ok  ' : 'FAIL'}  ${r.name}: ${r.detail}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const appDir = path.resolve(process.argv[2] ?? path.join(root, 'dist', 'linux-unpacked'));
  const results = await checkPackedApp(appDir);
  for (const line of formatResults(results)) console.log(`package: ${line}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`package: ${results.length - failed} checks passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

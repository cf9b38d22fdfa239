// A stand-in for the unpacked Electron folder, for `electron-builder --linux dir` on machines
// that cannot download Electron (our CI). It has the layout electron-builder copies, and an
// `electron` script that says what it is and exits: enough to pack and check app.asar, never
// to run. The fuse tools recognise it by STANDIN_MARKER and skip it, saying so.
//   node packaging/electron-standin.mjs [folder]   (default .electron-standin)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STANDIN_MARKER } from './fuses.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function createElectronStandIn(dir = path.join(root, '.electron-standin')) {
  const electronVersion = createRequire(import.meta.url)('electron/package.json').version;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'electron'),
    `#!/bin/sh\n# ${STANDIN_MARKER}\necho "This OpsDeck build was packed with a stand-in for Electron (CI check only); it cannot run." >&2\nexit 1\n`,
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(dir, 'version'), electronVersion);
  fs.writeFileSync(path.join(dir, 'LICENSE'), `Stand-in for Electron ${electronVersion}; the real folder carries Electron's MIT licence.\n`);
  fs.writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<!-- stand-in -->\n');
  fs.writeFileSync(path.join(dir, 'locales', 'en-US.pak'), '');
  return { dir, electronVersion };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { dir, electronVersion } = createElectronStandIn(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(`electron stand-in for ${electronVersion} in ${path.relative(process.cwd(), dir) || '.'}`);
}

// `npm start`: build, then open the desktop console. Where the Electron binary cannot be
// installed (offline machines, locked-down CI images), fall back to the headless host and
// open the same console in the default browser, saying so plainly.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const passThrough = process.argv.slice(2);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// electron-vite's package exports hide its bin file from require.resolve: use the installed path.
run(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);

// require('electron') returns the binary's path, downloading it on first use; it throws if it cannot.
const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
  cwd: root,
  encoding: 'utf8',
  timeout: 120_000,
  stdio: ['ignore', 'pipe', 'pipe'],
});

if (probe.status === 0 && probe.stdout) {
  const child = spawn(probe.stdout.trim(), [root, ...passThrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('OpsDeck: the Electron desktop shell is not available on this machine (its binary could not be downloaded).');
  console.log('OpsDeck: starting the same console in your browser instead.');
  const port = process.env.OPSDECK_PORT ?? '7420';
  const child = spawn(process.execPath, [path.join(root, 'bin', 'opsdeck.cjs'), 'serve', '--port', port], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let opened = false;
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    // The console link serve prints carries its access token (?token=...): open exactly that.
    const url = /Open (http:\/\/\S+)/.exec(String(chunk))?.[1];
    if (url && !opened) {
      opened = true;
      const wall = passThrough.includes('--kiosk') ? `${url.includes('?') ? '&' : '?'}mode=wall` : '';
      const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
      const o = spawn(opener, [url + wall], { stdio: 'ignore', detached: true });
      o.on('error', () => console.log(`OpsDeck: open ${url + wall} in a browser.`));
      o.unref();
    }
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

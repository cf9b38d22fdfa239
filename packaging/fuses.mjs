// Electron fuses OpsDeck flips in its packaged binary, and the read-back that proves they were
// flipped. One table, used by the afterPack hook, by `node packaging/fuses.mjs <app dir>` and by
// the tests. Fuses are bits compiled into the Electron binary: once off, no flag, environment
// variable or script can turn RunAsNode or the inspector back on.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

/** true = on, false = off. Fuses not named here keep Electron's default. */
export const OPSDECK_FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node.js interpreter.
  RunAsNode: false,
  // Cookies and other Chromium storage on disk encrypted with the OS key store.
  EnableCookieEncryption: true,
  // NODE_OPTIONS could preload code into the app from the environment.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect and friends would open a debugger into the main process.
  EnableNodeCliInspectArguments: false,
  // app.asar is checked against the hash signed into the app (macOS and Windows).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only app.asar is loaded, never a loose app/ folder someone drops next to it.
  OnlyLoadAppFromAsar: true,
  // file:// pages get no more than a browser would give them (the renderer uses app://).
  GrantFileProtocolExtraPrivileges: false,
});

/** Written into the stand-in binary that CI packs with instead of Electron (packaging/electron-standin.mjs). */
export const STANDIN_MARKER = 'OPSDECK-ELECTRON-STANDIN';

/** The @electron/fuses config for OPSDECK_FUSES. */
export function fuseConfig({ resetAdHocDarwinSignature = false } = {}) {
  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature };
  for (const [name, on] of Object.entries(OPSDECK_FUSES)) config[FuseV1Options[name]] = on;
  return config;
}

/** The Electron executable inside a packed app folder (what @electron/fuses is given). */
export function packedBinaryPath(appOutDir, platform, executableName) {
  if (platform === 'darwin' || platform === 'mas') return path.join(appOutDir, `${executableName}.app`);
  if (platform === 'win32') return path.join(appOutDir, `${executableName}.exe`);
  return path.join(appOutDir, executableName);
}

async function isStandIn(binary) {
  const file = binary.endsWith('.app') ? null : binary;
  if (!file) return false;
  try {
    return (await fs.readFile(file)).includes(STANDIN_MARKER);
  } catch {
    return false;
  }
}

/**
 * Flips OPSDECK_FUSES in a packed binary. A CI stand-in (it carries STANDIN_MARKER) is skipped
 * with a message; any other binary without a fuse wire fails the build.
 */
/** @param {string} binary @param {{ platform?: string, arm64?: boolean, log?: (line: string) => void }} [options] */
export async function flipOpsDeckFuses(binary, { platform, arm64 = false, log = console.log } = {}) {
  if (await isStandIn(binary)) {
    log(`fuses: SKIPPED, ${binary} is the CI stand-in, not an Electron binary`);
    return { skipped: true };
  }
  await flipFuses(binary, fuseConfig({ resetAdHocDarwinSignature: platform === 'darwin' && arm64 }));
  log(`fuses: flipped in ${binary}`);
  return { skipped: false };
}

/**
 * Reads the fuse wire of a packed binary back. status: 'ok' (every fuse as intended),
 * 'mismatch' (some not), 'skipped' (the stand-in: nothing to read).
 */
export async function readBackFuses(binary) {
  if (await isStandIn(binary)) return { status: 'skipped', reason: `${path.basename(binary)} is the CI stand-in, not a real Electron binary`, fuses: [] };
  const wire = await getCurrentFuseWire(binary);
  const fuses = Object.entries(OPSDECK_FUSES).map(([name, expected]) => {
    const state = wire[FuseV1Options[name]];
    // @electron/fuses reports '0'/'1' as char codes 48/49; 'r' (114) is a fuse this Electron removed.
    const actual = state === 49 ? true : state === 48 ? false : null;
    return { name, expected, actual, ok: actual === expected };
  });
  return { status: fuses.every((f) => f.ok) ? 'ok' : 'mismatch', reason: null, fuses };
}

export function formatReadBack(result) {
  if (result.status === 'skipped') return [`fuses: SKIPPED (${result.reason}); on a real build they are read back here`];
  return result.fuses.map((f) => `fuses: ${f.ok ? 'ok  ' : 'FAIL'} ${f.name} ${f.actual === null ? 'missing' : f.actual ? 'on' : 'off'} (want ${f.expected ? 'on' : 'off'})`);
}

// node packaging/fuses.mjs dist/linux-unpacked [executable name]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const appDir = process.argv[2] ?? 'dist/linux-unpacked';
  const platform = process.env.OPSDECK_FUSES_PLATFORM ?? process.platform;
  const binary = packedBinaryPath(appDir, platform, process.argv[3] ?? (platform === 'linux' ? 'opsdeck' : 'OpsDeck'));
  const result = await readBackFuses(binary);
  for (const line of formatReadBack(result)) console.log(line);
  process.exit(result.status === 'mismatch' ? 1 : 0);
}

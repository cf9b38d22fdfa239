// Secrets sealed one by one (by an injected Sealer: Electron's safeStorage in the desktop app)
// and kept in one JSON file in the data folder. Only account names and sealed blobs are ever
// written; every write replaces the whole file atomically, so a crash leaves the old file or
// the new one, never half of either. One entry that cannot be unsealed never hides the others.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { OpsError } from '../../../shared/errors';
import type { SecretStorageInfo } from '../../../shared/inventory-contract';
import type { Logger } from '../core/logger';
import type { Sealer } from './sealer';
import type { SecretStore } from './secret-store';

export const SEALED_SECRETS_FILE = 'secrets.sealed.json';

const FORMAT = 'opsdeck-sealed-secrets';
const VERSION = 1;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// Errors of the sealer's transport (main process busy or gone) say nothing about the blob.
const TRANSIENT_SEALER_CODES = new Set(['TIMEOUT', 'UNAVAILABLE', 'SECRETS_UNAVAILABLE']);

export interface SealedFileSecretStoreOptions {
  /** Usually `<dataDir>/secrets.sealed.json`. */
  file: string;
  sealer: Sealer;
  /** What the UI is told about this backend (see createSecretStore). */
  info: SecretStorageInfo;
  logger: Logger;
}

export function secretUnreadable(): OpsError {
  return new OpsError(
    'SECRET_UNREADABLE',
    "The stored password or passphrase for this host can no longer be decrypted, most likely because the operating system's login keyring changed. Enter it again in the host's settings in the inventory.",
  );
}

const errorCode = (err: unknown): string => String((err as { code?: unknown })?.code ?? (err as Error)?.name ?? 'unknown');

/** The file's entries (account → base64 blob), or null when it is not a sealed-secrets file we can read. */
export function parseSealedFile(text: string): Map<string, string> | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { format, version, entries } = raw as Record<string, unknown>;
  if (format !== FORMAT || version !== VERSION || typeof entries !== 'object' || entries === null || Array.isArray(entries)) return null;
  const out = new Map<string, string>();
  for (const [account, blob] of Object.entries(entries)) {
    if (typeof blob !== 'string' || !BASE64.test(blob)) return null;
    out.set(account, blob);
  }
  return out;
}

export class SealedFileSecretStore implements SecretStore {
  private entries: Map<string, string> | null = null;
  private setAsideAs: string | null = null;

  constructor(private readonly opts: SealedFileSecretStoreOptions) {}

  get info(): SecretStorageInfo {
    const info = { ...this.opts.info };
    if (this.setAsideAs) {
      info.message += ` The earlier secrets file could not be read and was kept as ${path.basename(this.setAsideAs)}; enter the passwords and passphrases again.`;
    }
    return info;
  }

  async get(account: string): Promise<string | null> {
    const blob = this.load().get(account);
    if (blob === undefined) return null;
    try {
      return await this.opts.sealer.unseal(Buffer.from(blob, 'base64'));
    } catch (err) {
      if (err instanceof OpsError && TRANSIENT_SEALER_CODES.has(err.code)) throw err;
      // The blob stays in the file: saving the secret again replaces it.
      this.opts.logger.log('warn', 'secret-unseal-failed', { account, code: errorCode(err) });
      throw secretUnreadable();
    }
  }

  async set(account: string, secret: string): Promise<void> {
    let sealed: Buffer;
    try {
      sealed = await this.opts.sealer.seal(secret);
    } catch (err) {
      this.opts.logger.log('warn', 'secret-seal-failed', { account, code: errorCode(err) });
      if (err instanceof OpsError) throw err;
      throw new OpsError('SECRET_SEAL_FAILED', 'OpsDeck could not encrypt this password or passphrase, so it was not saved. Try again; if it keeps failing, restart OpsDeck.');
    }
    this.update((entries) => entries.set(account, sealed.toString('base64')));
  }

  async delete(account: string): Promise<void> {
    if (!this.load().has(account)) return;
    this.update((entries) => entries.delete(account));
  }

  async accounts(): Promise<string[]> {
    return [...this.load().keys()];
  }

  /** Writes the changed copy first; the entries in memory change only once it is on disk. */
  private update(change: (entries: Map<string, string>) => void): void {
    const next = new Map(this.load());
    change(next);
    this.write(next);
    this.entries = next;
  }

  private load(): Map<string, string> {
    if (this.entries) return this.entries;
    const { file } = this.opts;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') {
        throw new OpsError('SECRETS_FILE_UNREADABLE', `OpsDeck cannot read its secrets file ${file} (${errorCode(err)}). Check that it belongs to your user account and can be read, then try again.`);
      }
      this.removeStaleTempFiles();
      this.entries = new Map();
      return this.entries;
    }
    this.removeStaleTempFiles();
    const parsed = parseSealedFile(text);
    if (parsed) {
      this.entries = parsed;
      return parsed;
    }
    // Keep the damaged file for a person to look at, and carry on with an empty store.
    const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      fs.renameSync(file, aside);
    } catch (err) {
      throw new OpsError('SECRETS_FILE_DAMAGED', `OpsDeck's secrets file ${file} is damaged and could not be moved aside (${errorCode(err)}). Move or delete it, then enter the passwords again.`);
    }
    this.opts.logger.log('warn', 'secrets-file-damaged', { keptAs: aside });
    this.setAsideAs = aside;
    this.entries = new Map();
    return this.entries;
  }

  private write(entries: Map<string, string>): void {
    const { file } = this.opts;
    const dir = path.dirname(file);
    const body = `${JSON.stringify({ format: FORMAT, version: VERSION, entries: Object.fromEntries(entries) }, null, 2)}\n`;
    const tmp = `${file}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`;
    let fd: number | null = null;
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      fd = fs.openSync(tmp, 'wx', 0o600);
      fs.writeFileSync(fd, body);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fd = null;
      fs.renameSync(tmp, file);
    } catch (err) {
      if (fd !== null) closeQuietly(fd);
      fs.rmSync(tmp, { force: true });
      this.opts.logger.log('error', 'secrets-file-write-failed', { file, code: errorCode(err) });
      throw new OpsError('SECRETS_WRITE_FAILED', `OpsDeck could not save its secrets file ${file} (${errorCode(err)}). Check the free space and permissions of the data folder, then save the password again.`);
    }
    syncDirectory(dir);
  }

  /** Temp files of a write that a crash interrupted: sealed blobs only, but no use to anyone. */
  private removeStaleTempFiles(): void {
    const dir = path.dirname(this.opts.file);
    const prefix = `${path.basename(this.opts.file)}.`;
    try {
      for (const name of fs.readdirSync(dir)) {
        if (name.startsWith(prefix) && name.endsWith('.tmp')) fs.rmSync(path.join(dir, name), { force: true });
      }
    } catch {
      // A folder we cannot list will fail the next write with a clear message.
    }
  }
}

/** Makes the rename itself durable; not possible (nor needed) on every platform. */
function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder this way; its rename is already durable enough.
  } finally {
    if (fd !== null) closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Already failing; the first error is the one worth reporting.
  }
}

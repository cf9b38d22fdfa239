import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OpsError } from '../../../src/shared/errors';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { SEALED_SECRETS_FILE, SealedFileSecretStore } from '../../../src/main/engine/secrets';
import { AesGcmSealer } from './aes-gcm-sealer';

const PASSWORD = 'Sf-9c41e2-never-in-the-file';
const PASSPHRASE = '운영-키-암호-7d1f';
const INFO = { backend: 'sealed-file' as const, persistent: true, message: 'Sealed by the test sealer.' };

let dir: string;
let file: string;

function open(sealer = new AesGcmSealer(), logger = new MemoryLogger()) {
  return { store: new SealedFileSecretStore({ file, sealer, info: INFO, logger }), sealer, logger };
}

/** The secret in every form it could leak as: UTF-8, UTF-16 and base64 of its bytes. */
function leaks(bytes: Buffer, secret: string): boolean {
  return [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le'), Buffer.from(Buffer.from(secret).toString('base64'))].some((form) => bytes.includes(form));
}

const readEntries = () => JSON.parse(fs.readFileSync(file, 'utf8')).entries as Record<string, string>;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-sealed-'));
  file = path.join(dir, SEALED_SECRETS_FILE);
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sealed-file secret store', () => {
  it('stores, reads, lists and deletes secrets', async () => {
    const { store } = open();
    expect(await store.accounts()).toEqual([]);
    expect(await store.get('host:db-01')).toBeNull();
    await store.set('host:db-01', PASSWORD);
    await store.set('host:web-02', PASSPHRASE);
    expect(await store.get('host:db-01')).toBe(PASSWORD);
    expect(await store.get('host:web-02')).toBe(PASSPHRASE);
    expect((await store.accounts()).sort()).toEqual(['host:db-01', 'host:web-02']);
    await store.delete('host:db-01');
    await store.delete('host:never-stored');
    expect(await store.get('host:db-01')).toBeNull();
    expect(await store.accounts()).toEqual(['host:web-02']);
    expect(store.info).toEqual(INFO);
  });

  it('keeps secrets across restarts: a new store on the same file reads them', async () => {
    const sealer = new AesGcmSealer();
    await open(sealer).store.set('host:db-01', PASSWORD);
    await open(sealer).store.set('host:web-02', PASSPHRASE);
    const again = open(sealer).store;
    expect((await again.accounts()).sort()).toEqual(['host:db-01', 'host:web-02']);
    expect(await again.get('host:db-01')).toBe(PASSWORD);
    await again.delete('host:web-02');
    expect(await open(sealer).store.accounts()).toEqual(['host:db-01']);
  });

  it('writes only sealed blobs, to a file only its owner can read', async () => {
    const { store, logger } = open();
    await store.set('host:db-01', PASSWORD);
    await store.set('host:web-02', PASSPHRASE);
    const bytes = fs.readFileSync(file);
    expect(leaks(bytes, PASSWORD)).toBe(false);
    expect(leaks(bytes, PASSPHRASE)).toBe(false);
    expect(Object.keys(readEntries()).sort()).toEqual(['host:db-01', 'host:web-02']);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // Nothing else in the folder either: no temp file left behind, nothing logged.
    expect(fs.readdirSync(dir)).toEqual([SEALED_SECRETS_FILE]);
    expect(JSON.stringify(logger.records)).not.toContain(PASSWORD);
  });

  it('replaces the file atomically: a write that fails before the rename leaves the old file and the old secret', async () => {
    const { store } = open();
    await store.set('host:db-01', PASSWORD);
    const before = fs.readFileSync(file);
    const rename = vi.spyOn(fs, 'renameSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    });
    const failed = await store.set('host:db-01', 'a-new-password').catch((err: unknown) => err);
    expect(rename).toHaveBeenCalledTimes(1);
    expect(failed).toBeInstanceOf(OpsError);
    expect(failed).toMatchObject({ code: 'SECRETS_WRITE_FAILED', message: expect.stringContaining('ENOSPC') });
    expect(fs.readFileSync(file)).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual([SEALED_SECRETS_FILE]);
    expect(await store.get('host:db-01')).toBe(PASSWORD);
  });

  it('syncs the new file to disk before renaming it into place', async () => {
    const calls: string[] = [];
    vi.spyOn(fs, 'fsyncSync').mockImplementation(() => void calls.push('fsync'));
    const rename = fs.renameSync;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      calls.push('rename');
      rename(from, to);
    });
    await open().store.set('host:db-01', PASSWORD);
    expect(calls.slice(0, 2)).toEqual(['fsync', 'rename']);
  });

  it('removes temp files a crash left behind', async () => {
    const sealer = new AesGcmSealer();
    await open(sealer).store.set('host:db-01', PASSWORD);
    const stale = `${file}.4242-deadbeef.tmp`;
    fs.writeFileSync(stale, '{"format":"opsdeck-sealed');
    expect(await open(sealer).store.get('host:db-01')).toBe(PASSWORD);
    expect(fs.existsSync(stale)).toBe(false);
  });

  it('a blob sealed under another key is a stable error that asks for the password again, and the other entries stay', async () => {
    const before = new AesGcmSealer();
    await open(before).store.set('host:db-01', PASSWORD);
    // The login keyring changed: the new key cannot open the old blob.
    const after = new AesGcmSealer();
    const { store, logger } = open(after);
    await store.set('host:web-02', PASSPHRASE);
    const err = await store.get('host:db-01').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpsError);
    expect(err).toMatchObject({ code: 'SECRET_UNREADABLE', message: expect.stringMatching(/Enter it again/) });
    expect(await store.get('host:web-02')).toBe(PASSPHRASE);
    expect((await store.accounts()).sort()).toEqual(['host:db-01', 'host:web-02']);
    expect(logger.records.find((r) => r.event === 'secret-unseal-failed')?.fields).toMatchObject({ account: 'host:db-01' });
    // Entering it again replaces the blob.
    await store.set('host:db-01', PASSWORD);
    expect(await open(after).store.get('host:db-01')).toBe(PASSWORD);
  });

  it('a damaged blob in the file fails only its own entry', async () => {
    const sealer = new AesGcmSealer();
    const { store } = open(sealer);
    await store.set('host:db-01', PASSWORD);
    await store.set('host:web-02', PASSPHRASE);
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    const blob = Buffer.from(parsed.entries['host:db-01'], 'base64');
    blob[blob.length - 1]! ^= 0xff;
    parsed.entries['host:db-01'] = blob.toString('base64');
    fs.writeFileSync(file, JSON.stringify(parsed));
    const reopened = open(sealer).store;
    await expect(reopened.get('host:db-01')).rejects.toMatchObject({ code: 'SECRET_UNREADABLE' });
    expect(await reopened.get('host:web-02')).toBe(PASSPHRASE);
  });

  it('a damaged file is kept aside with a clear message, and the store carries on empty', async () => {
    fs.writeFileSync(file, '{"format":"opsdeck-sealed-secrets","version":1,"entries":{"host:db-01":"AAAA');
    const { store, logger } = open();
    expect(await store.accounts()).toEqual([]);
    expect(await store.get('host:db-01')).toBeNull();
    const aside = fs.readdirSync(dir).filter((n) => n.startsWith(`${SEALED_SECRETS_FILE}.damaged-`));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!), 'utf8')).toContain('host:db-01');
    expect(store.info.message).toContain(aside[0]);
    expect(store.info.message).toMatch(/enter the passwords and passphrases again/);
    expect(logger.records.map((r) => r.event)).toContain('secrets-file-damaged');
    await store.set('host:db-01', PASSWORD);
    expect(Object.keys(readEntries())).toEqual(['host:db-01']);
  });

  it.each([
    ['not an object', '[1,2,3]'],
    ['another format', '{"format":"something-else","version":1,"entries":{}}'],
    ['a newer version', '{"format":"opsdeck-sealed-secrets","version":2,"entries":{}}'],
    ['an entry that is not base64', '{"format":"opsdeck-sealed-secrets","version":1,"entries":{"host:a":"plain text!"}}'],
  ])('a file that is %s is kept aside too, never overwritten', async (_what, text) => {
    fs.writeFileSync(file, text);
    const { store } = open();
    expect(await store.accounts()).toEqual([]);
    await store.set('host:db-01', PASSWORD);
    const aside = fs.readdirSync(dir).find((n) => n.startsWith(`${SEALED_SECRETS_FILE}.damaged-`))!;
    expect(fs.readFileSync(path.join(dir, aside), 'utf8')).toBe(text);
  });

  it('a sealer that refuses to seal saves nothing and passes its reason on', async () => {
    const sealer = new AesGcmSealer();
    vi.spyOn(sealer, 'seal').mockRejectedValueOnce(new OpsError('SECRETS_UNPROTECTED', 'Only obfuscation is available.'));
    const { store, logger } = open(sealer);
    await expect(store.set('host:db-01', PASSWORD)).rejects.toMatchObject({ code: 'SECRETS_UNPROTECTED' });
    vi.spyOn(sealer, 'seal').mockRejectedValueOnce(new Error(`boom ${PASSWORD}`));
    await expect(store.set('host:db-01', PASSWORD)).rejects.toMatchObject({ code: 'SECRET_SEAL_FAILED' });
    expect(fs.existsSync(file)).toBe(false);
    expect(JSON.stringify(logger.records)).not.toContain(PASSWORD);
  });

  it('a sealer that is only busy is reported as such, not as a lost password', async () => {
    const sealer = new AesGcmSealer();
    const { store } = open(sealer);
    await store.set('host:db-01', PASSWORD);
    vi.spyOn(sealer, 'unseal').mockRejectedValueOnce(new OpsError('TIMEOUT', 'The window process did not answer.'));
    await expect(store.get('host:db-01')).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(await store.get('host:db-01')).toBe(PASSWORD);
  });
});

// Host-key trust against a real sshd: unknown keys are refused unless accept-new, a changed
// key is always refused, and in both cases no credential reaches the server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { FAST_SECTIONS } from '../../../src/main/engine/transport/composite-script';
import { fingerprintSha256, MemoryHostKeyStore } from '../../../src/main/engine/transport/host-key-policy';
import { SshConnection } from '../../../src/main/engine/transport/ssh-connection';
import { startSshd, type SshdHandle } from '../../support/sshd';

let sshd: SshdHandle;
const open: SshConnection[] = [];

beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.stop();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function connect(hostKeys: MemoryHostKeyStore, opts: { acceptNewHostKey?: boolean; logger?: MemoryLogger } = {}): SshConnection {
  const connection = new SshConnection({
    host: sshd.host,
    port: sshd.port,
    credentials: { username: sshd.user, privateKey: sshd.clientKey.privateKey },
    hostKeys,
    acceptNewHostKey: opts.acceptNewHostKey,
    logger: opts.logger,
    readyTimeoutMs: 5_000,
  });
  open.push(connection);
  return connection;
}

/** sshd logs every key or password it is offered; none of these may appear for a refused host. */
const credentialLines = (log: string) => log.split('\n').filter((l) => /publickey|password|Postponed|Accepted key/.test(l));

describe('host-key trust', () => {
  it('refuses an unknown host key with HOSTKEY_UNKNOWN and its fingerprint, before sending any credential', async () => {
    const logger = new MemoryLogger();
    const logBefore = sshd.log();
    const err = await connect(new MemoryHostKeyStore(), { logger }).poll(FAST_SECTIONS, 5_000).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'HOSTKEY_UNKNOWN', fingerprint: fingerprintSha256(sshd.hostKeyBlob()), keyType: 'ssh-ed25519' });
    expect((err as Error).message).toContain(fingerprintSha256(sshd.hostKeyBlob()));
    expect(logger.records.filter((r) => r.event === 'ssh-auth-attempt')).toEqual([]);
    expect(credentialLines(sshd.log().slice(logBefore.length))).toEqual([]);
  });

  it('accepts a first-seen key with accept-new, stores it, and trusts it on the next connection', async () => {
    const store = new MemoryHostKeyStore();
    expect(store.verify(sshd.host, sshd.port, sshd.hostKeyBlob())).toBe('unknown');
    await connect(store, { acceptNewHostKey: true }).connect(5_000);
    expect(store.verify(sshd.host, sshd.port, sshd.hostKeyBlob())).toBe('trusted');
    // A second connection without accept-new now logs in on the stored key.
    const { sections } = await connect(store).poll(FAST_SECTIONS, 5_000);
    expect(sections.get('/proc/uptime')).toMatch(/^\d+\.\d+ /);
  });

  it('refuses a changed host key with HOSTKEY_CHANGED even with accept-new, and sends no credential', async () => {
    const store = new MemoryHostKeyStore();
    store.trust(sshd.host, sshd.port, sshd.hostKeyBlob());
    await sshd.restart({ newHostKey: true });
    const logger = new MemoryLogger();
    const logBefore = sshd.log();
    const err = await connect(store, { acceptNewHostKey: true, logger }).poll(FAST_SECTIONS, 5_000).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'HOSTKEY_CHANGED', fingerprint: fingerprintSha256(sshd.hostKeyBlob()) });
    expect((err as Error).message).toMatch(/sent no credentials/);
    expect(logger.records.filter((r) => r.event === 'ssh-auth-attempt')).toEqual([]);
    expect(credentialLines(sshd.log().slice(logBefore.length))).toEqual([]);
    // The old key stays the trusted one: nothing was overwritten.
    expect(store.verify(sshd.host, sshd.port, sshd.hostKeyBlob())).toBe('changed');
  });
});

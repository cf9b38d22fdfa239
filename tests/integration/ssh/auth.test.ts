// Logging in to a real OpenSSH sshd on loopback with each kind of credential, and the codes a
// failed login gives.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { FAST_SECTIONS } from '../../../src/main/engine/transport/composite-script';
import { MemoryHostKeyStore } from '../../../src/main/engine/transport/host-key-policy';
import type { SshCredentials } from '../../../src/main/engine/transport/ssh-auth';
import { SshConnection } from '../../../src/main/engine/transport/ssh-connection';
import { freePort, startAgent, startSshd, type SshdHandle } from '../../support/sshd';

let sshd: SshdHandle;
const open: SshConnection[] = [];

beforeAll(async () => {
  sshd = await startSshd({ passwordUser: true });
});
afterAll(async () => {
  await sshd?.stop();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function connect(credentials: SshCredentials, port = sshd.port, logger = new MemoryLogger()): SshConnection {
  const hostKeys = new MemoryHostKeyStore();
  hostKeys.trust(sshd.host, sshd.port, sshd.hostKeyBlob());
  const connection = new SshConnection({ host: sshd.host, port, credentials, hostKeys, logger, readyTimeoutMs: 5_000 });
  open.push(connection);
  return connection;
}

async function pollStat(connection: SshConnection) {
  // The first poll includes the login and the remote shell's start-up, which sources root's
  // heavy .bashrc on our machines (seconds under load): a generous deadline, this is not a timing test.
  const { sections } = await connection.poll(FAST_SECTIONS, 15_000);
  return sections.get('/proc/stat') ?? '';
}

describe('logging in to sshd', () => {
  it('logs in with a private key and reads /proc', async () => {
    const stat = await pollStat(connect({ username: sshd.user, privateKey: sshd.clientKey.privateKey }));
    expect(stat).toMatch(/^cpu /);
  });

  it('logs in with a passphrase-protected key', async () => {
    const { privateKey, passphrase } = sshd.encryptedKey;
    expect(await pollStat(connect({ username: sshd.user, privateKey, passphrase }))).toMatch(/^cpu /);
  });

  it('refuses an encrypted key with the wrong passphrase as AUTH_FAILED before connecting', async () => {
    const before = sshd.log().length;
    const c = connect({ username: sshd.user, privateKey: sshd.encryptedKey.privateKey, passphrase: 'wrong' });
    await expect(c.poll(FAST_SECTIONS, 5_000)).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringMatching(/passphrase is wrong/) });
    expect(sshd.log().slice(before)).not.toMatch(/Connection from/);
  });

  it('logs in with a password (a temporary local user)', async (ctx) => {
    if (!sshd.passwordUser) ctx.skip(); // needs root for useradd; see tests/support/sshd.ts
    const { username, password } = sshd.passwordUser!;
    expect(await pollStat(connect({ username, password }))).toMatch(/^cpu /);
    expect(sshd.log()).toMatch(new RegExp(`Accepted password for ${username}`));
  });

  it('refuses a wrong password with AUTH_FAILED', async (ctx) => {
    if (!sshd.passwordUser) ctx.skip();
    const c = connect({ username: sshd.passwordUser!.username, password: 'not-the-password' });
    await expect(c.poll(FAST_SECTIONS, 8_000)).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringMatching(/password/) });
  });

  it('logs in through ssh-agent', async () => {
    const agent = await startAgent([sshd.agentKey.privatePath]);
    try {
      expect(await pollStat(connect({ username: sshd.user, agentSocket: agent.socket }))).toMatch(/^cpu /);
      expect(sshd.log()).toMatch(new RegExp(`Accepted publickey for ${sshd.user}.*${agentKeyFingerprint()}`));
    } finally {
      await agent.stop();
    }
  });

  it('refuses a key the server does not know with AUTH_FAILED, naming what was tried', async () => {
    const c = connect({ username: sshd.user, privateKey: sshd.strangerKey.privateKey });
    const err = await c.poll(FAST_SECTIONS, 5_000).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'AUTH_FAILED', message: expect.stringContaining('tried: publickey') });
  });

  it('reports a closed port as UNREACHABLE', async () => {
    const c = connect({ username: sshd.user, privateKey: sshd.clientKey.privateKey }, await freePort());
    await expect(c.poll(FAST_SECTIONS, 5_000)).rejects.toMatchObject({ code: 'UNREACHABLE', message: expect.stringMatching(/refused/) });
  });
});

function agentKeyFingerprint(): string {
  // The agent key's fingerprint as sshd logs it, from the public line.
  const [, base64] = sshd.agentKey.publicLine.split(' ');
  const digest = require('node:crypto').createHash('sha256').update(Buffer.from(base64!, 'base64')).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '').replace(/\+/g, '\\+')}`;
}

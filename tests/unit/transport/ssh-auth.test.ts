// The order in which credentials are offered, and keys that cannot be used.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAuthHandler, offeredMethods, parsePrivateKey } from '../../../src/main/engine/transport/ssh-auth';

function keyFile(passphrase = ''): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-auth-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-a', '2', '-N', passphrase, '-f', path.join(dir, 'k')]);
  const text = fs.readFileSync(path.join(dir, 'k'), 'utf8');
  fs.rmSync(dir, { recursive: true, force: true });
  return text;
}

/** Drives a handler the way ssh2 does and records the method types it offers. */
function offered(handler: ReturnType<typeof createAuthHandler>, methodsLeft: string[] | null): Array<string | false> {
  const out: Array<string | false> = [];
  for (let i = 0; i < 6; i++) {
    let next: string | false = false;
    handler(methodsLeft as never, false, (m) => (next = (m as unknown) === false ? false : (m as { type: string }).type));
    out.push(next);
    if (next === false) break;
  }
  return out;
}

describe('login methods', () => {
  const key = parsePrivateKey(keyFile());

  it('offers the key, then the agent, then the password (plain, then keyboard-interactive)', () => {
    const creds = { username: 'ops', privateKey: 'k', agentSocket: '/run/agent.sock', password: 'pw' };
    expect(offeredMethods(creds)).toEqual(['publickey', 'agent', 'password', 'keyboard-interactive']);
    const tried: string[] = [];
    expect(offered(createAuthHandler(creds, key, (m) => tried.push(m)), null)).toEqual(['publickey', 'agent', 'password', 'keyboard-interactive', false]);
    expect(tried).toEqual(['publickey', 'agent', 'password', 'keyboard-interactive']);
  });

  it('offers several keys in one login (the default identities), before the agent', () => {
    const other = parsePrivateKey(keyFile());
    const creds = { username: 'ops', extraPrivateKeys: ['k2'], agentSocket: '/run/agent.sock' };
    expect(offeredMethods(creds)).toEqual(['publickey', 'agent']);
    expect(offered(createAuthHandler(creds, [key, other], () => undefined), null)).toEqual(['publickey', 'publickey', 'agent', false]);
  });

  it('skips methods the server no longer accepts', () => {
    const creds = { username: 'ops', agentSocket: '/run/agent.sock', password: 'pw' };
    expect(offered(createAuthHandler(creds, null, () => undefined), ['password'])).toEqual(['password', false]);
  });

  it('answers keyboard-interactive with the password only for hidden prompts', () => {
    const handler = createAuthHandler({ username: 'ops', password: 'pw' }, null, () => undefined);
    const methods: Array<{ type: string; prompt?: (...a: unknown[]) => void }> = [];
    for (let i = 0; i < 2; i++) handler(null as never, false, (m) => methods.push(m as never));
    let answers: string[] = [];
    methods[1]!.prompt!('', '', '', [{ prompt: 'Password: ', echo: false }, { prompt: 'Token name: ', echo: true }], (a: string[]) => (answers = a));
    expect(answers).toEqual(['pw', '']);
  });

  it('decrypts a passphrase-protected key, and refuses a wrong or missing passphrase with AUTH_FAILED', () => {
    const encrypted = keyFile('s3cret');
    expect(parsePrivateKey(encrypted, 's3cret').isPrivateKey()).toBe(true);
    expect(() => parsePrivateKey(encrypted, 'nope')).toThrow(expect.objectContaining({ code: 'AUTH_FAILED', message: expect.stringMatching(/passphrase is wrong/) }));
    expect(() => parsePrivateKey(encrypted)).toThrow(expect.objectContaining({ code: 'AUTH_FAILED', message: expect.stringMatching(/no passphrase/) }));
    expect(() => parsePrivateKey('not a key')).toThrow(expect.objectContaining({ code: 'AUTH_FAILED' }));
  });
});

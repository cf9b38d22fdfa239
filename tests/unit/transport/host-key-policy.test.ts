// Fingerprints must read exactly like OpenSSH's, and trust verdicts like StrictHostKeyChecking.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintSha256, hostKeyType, knownHostsName, MemoryHostKeyStore } from '../../../src/main/engine/transport/host-key-policy';

function generateKey(type: 'ed25519' | 'ecdsa' | 'rsa'): { blob: Buffer; opensshFingerprint: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-hostkey-'));
  const file = path.join(dir, 'key');
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-f', file]);
  const blob = Buffer.from(fs.readFileSync(`${file}.pub`, 'utf8').split(' ')[1]!, 'base64');
  const opensshFingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
  fs.rmSync(dir, { recursive: true, force: true });
  return { blob, opensshFingerprint };
}

describe('host key fingerprints', () => {
  it.each(['ed25519', 'ecdsa', 'rsa'] as const)('match ssh-keygen -l for an %s key', (type) => {
    const { blob, opensshFingerprint } = generateKey(type);
    expect(fingerprintSha256(blob)).toBe(opensshFingerprint);
    expect(fingerprintSha256(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('names the key type inside the blob, and null for junk', () => {
    expect(hostKeyType(generateKey('ed25519').blob)).toBe('ssh-ed25519');
    expect(hostKeyType(Buffer.from([0, 0, 1]))).toBeNull();
    expect(hostKeyType(Buffer.from([0xff, 0xff, 0xff, 0xff, 1]))).toBeNull();
  });

  it('spells hosts the way known_hosts does', () => {
    expect(knownHostsName('web-01', 22)).toBe('web-01');
    expect(knownHostsName('10.0.0.5', 2222)).toBe('[10.0.0.5]:2222');
  });
});

describe('MemoryHostKeyStore', () => {
  const a = generateKey('ed25519').blob;
  const b = generateKey('ed25519').blob;

  it('calls a never-seen host unknown, its stored key trusted and any other key changed', () => {
    const store = new MemoryHostKeyStore();
    expect(store.verify('web', 22, a)).toBe('unknown');
    store.trust('web', 22, a);
    expect(store.verify('web', 22, a)).toBe('trusted');
    expect(store.verify('web', 22, b)).toBe('changed');
  });

  it('keeps trust per host and port', () => {
    const store = new MemoryHostKeyStore();
    store.trust('web', 22, a);
    expect(store.verify('web', 2222, a)).toBe('unknown');
    expect(store.verify('db', 22, a)).toBe('unknown');
  });

  it('trusts a new key only after the old one is forgotten', () => {
    const store = new MemoryHostKeyStore();
    store.trust('web', 22, a);
    store.forget('web', 22);
    expect(store.verify('web', 22, b)).toBe('unknown');
  });
});

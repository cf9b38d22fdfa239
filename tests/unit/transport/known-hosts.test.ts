// known_hosts read the way OpenSSH reads it. Hashed lines are written by `ssh-keygen -H` itself,
// so the HMAC form is OpenSSH's, not our idea of it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KnownHostsFile } from '../../../src/main/engine/transport/known-hosts-file';
import { entryMatchesHost, lookupHostKey, parseKnownHosts } from '../../../src/main/engine/transport/known-hosts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-known-hosts-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function newKey(type: 'ed25519' | 'ecdsa' = 'ed25519'): { line: string; blob: Buffer } {
  const file = path.join(dir, `k${Math.random().toString(36).slice(2)}`);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file]);
  const [keyType, base64] = fs.readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
  return { line: `${keyType} ${base64}`, blob: Buffer.from(base64!, 'base64') };
}

const web = newKey();
const db = newKey();
const dbEcdsa = newKey('ecdsa');
const other = newKey();

describe('parsing known_hosts', () => {
  it('reads plain lines, markers and comments, and skips broken lines with the reason', () => {
    const parsed = parseKnownHosts(
      [
        '# a comment',
        `web-01,10.0.0.5 ${web.line} ops@desk`,
        `@revoked * ${other.line}`,
        `@cert-authority *.example.com ${db.line}`,
        'only-two fields',
        `@weird host ${web.line}`,
        `host ssh-rsa ${web.line.split(' ')[1]}`,
        '',
      ].join('\n'),
    );
    expect(parsed.entries.map((e) => [e.line, e.marker, e.patterns])).toEqual([
      [2, null, ['web-01', '10.0.0.5']],
      [3, 'revoked', ['*']],
      [4, 'cert-authority', ['*.example.com']],
    ]);
    expect(parsed.skipped.map((s) => s.line)).toEqual([5, 6, 7]);
    expect(parsed.skipped[2]!.reason).toMatch(/not a ssh-rsa key/);
  });

  it('matches [host]:port off port 22, wildcards and negations', () => {
    expect(entryMatchesHost({ patterns: ['[10.0.0.5]:2222'] }, '10.0.0.5', 2222)).toBe(true);
    expect(entryMatchesHost({ patterns: ['10.0.0.5'] }, '10.0.0.5', 2222)).toBe(false);
    expect(entryMatchesHost({ patterns: ['10.0.0.5'] }, '10.0.0.5', 22)).toBe(true);
    expect(entryMatchesHost({ patterns: ['*.Example.com', '!bad.example.com'] }, 'web.example.com', 22)).toBe(true);
    expect(entryMatchesHost({ patterns: ['*.example.com', '!bad.example.com'] }, 'bad.example.com', 22)).toBe(false);
    expect(entryMatchesHost({ patterns: ['web-0?'] }, 'web-07', 22)).toBe(true);
    expect(entryMatchesHost({ patterns: ['web.example.com'] }, 'webxexample.com', 22)).toBe(false);
  });
});

describe('hashed entries written by ssh-keygen -H', () => {
  const file = path.join(dir, 'hashed_known_hosts');
  fs.writeFileSync(file, `web-01 ${web.line}\n[db.internal]:2222 ${db.line}\n`);
  execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
  const text = fs.readFileSync(file, 'utf8');

  it('are really hashed', () => {
    expect(text).not.toMatch(/web-01|db\.internal/);
    expect(text.split('\n').filter((l) => l.startsWith('|1|'))).toHaveLength(2);
  });

  it('trust the right key for the right host and port, and nothing else', () => {
    const parsed = parseKnownHosts(text);
    expect(lookupHostKey(parsed, 'web-01', 22, web.blob).result).toEqual({ verdict: 'trusted', line: 1 });
    expect(lookupHostKey(parsed, 'db.internal', 2222, db.blob).result).toEqual({ verdict: 'trusted', line: 2 });
    expect(lookupHostKey(parsed, 'db.internal', 22, db.blob).result.verdict).toBe('unknown');
    expect(lookupHostKey(parsed, 'web-02', 22, web.blob).result.verdict).toBe('unknown');
    expect(lookupHostKey(parsed, 'web-01', 22, other.blob).result).toEqual({ verdict: 'changed', line: 1 });
  });
});

describe('verdicts', () => {
  const parsed = parseKnownHosts(
    [`db ${dbEcdsa.line}`, `@revoked * ${other.line}`, `@cert-authority db ${web.line}`, `web ${web.line}`].join('\n'),
  );

  it('a host known only by another key type is unknown for this one, naming the types it has', () => {
    expect(lookupHostKey(parsed, 'db', 22, db.blob).result).toEqual({ verdict: 'unknown', otherKeyTypes: ['ecdsa-sha2-nistp256'] });
  });

  it('a revoked key is refused for every host, even one that lists it', () => {
    const withRevokedTrusted = parseKnownHosts(`web ${other.line}\n@revoked * ${other.line}\n`);
    expect(lookupHostKey(withRevokedTrusted, 'web', 22, other.blob).result).toEqual({ verdict: 'revoked', line: 2 });
  });

  it('@cert-authority lines are not trusted as keys, and say so in a note', () => {
    const { result, notes } = lookupHostKey(parsed, 'db', 22, web.blob);
    expect(result.verdict).toBe('unknown');
    expect(notes).toEqual([expect.stringMatching(/line 3 is a @cert-authority line.*ignored/)]);
  });
});

describe('KnownHostsFile', () => {
  it('accept-new appends one plain line, creating ~/.ssh/known_hosts with private modes', () => {
    const file = path.join(dir, 'home', '.ssh', 'known_hosts');
    const policy = new KnownHostsFile(file);
    expect(policy.verify('127.0.0.1', 2222, web.blob)).toBe('unknown');
    policy.trust('127.0.0.1', 2222, web.blob);
    expect(fs.readFileSync(file, 'utf8')).toBe(`[127.0.0.1]:2222 ${web.line}\n`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(policy.verify('127.0.0.1', 2222, web.blob)).toBe('trusted');
    expect(policy.verify('127.0.0.1', 2222, other.blob)).toBe('changed');
    expect(policy.explain('127.0.0.1', 2222, other.blob, 'changed')).toBe(`The trusted key is on line 1 of ${file}.`);
  });

  it('appends after a last line that has no newline', () => {
    const file = path.join(dir, 'no-newline');
    fs.writeFileSync(file, `web ${web.line}`);
    new KnownHostsFile(file).trust('db', 22, db.blob);
    expect(fs.readFileSync(file, 'utf8')).toBe(`web ${web.line}\ndb ${db.line}\n`);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryLogger, redact } from '../../../src/main/engine/core/logger';
import { ensureTokens, rotateTokens, TokenGate, tokenFile, tokensEqual } from '../../../src/main/serve/tokens';
import { roleMayCall } from '../../../src/main/serve/ws-bridge';
import { METHOD_ACCESS, METHOD_CHANNELS, METHOD_NAMES } from '../../../src/shared/api';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-tokens-'));

describe('serve tokens', () => {
  it('are made once per data folder, random, distinct, in a file only its owner can read', () => {
    const d = dir();
    const first = ensureTokens(d);
    expect(first.operator).toMatch(/^[0-9a-f]{48}$/);
    expect(first.viewer).toMatch(/^[0-9a-f]{48}$/);
    expect(first.operator).not.toBe(first.viewer);
    expect(fs.statSync(tokenFile(d)).mode & 0o777).toBe(0o600);
    expect(ensureTokens(d)).toEqual(first);
    expect(ensureTokens(dir()).operator).not.toBe(first.operator);
  });

  it('a widened file mode is narrowed back to 0600', () => {
    const d = dir();
    ensureTokens(d);
    fs.chmodSync(tokenFile(d), 0o644);
    ensureTokens(d);
    expect(fs.statSync(tokenFile(d)).mode & 0o777).toBe(0o600);
  });

  it('rotate replaces both, or only the viewer one, and a running gate follows the file', () => {
    const d = dir();
    const gate = new TokenGate(d);
    const before = gate.current();
    expect(gate.roleOf(before.operator)).toBe('operator');
    expect(gate.roleOf(before.viewer)).toBe('viewer');
    const viewerOnly = rotateTokens(d, 'viewer');
    expect(viewerOnly.operator).toBe(before.operator);
    expect(gate.roleOf(before.viewer)).toBeNull();
    expect(gate.roleOf(viewerOnly.viewer)).toBe('viewer');
    const both = rotateTokens(d, 'all');
    expect(gate.roleOf(before.operator)).toBeNull();
    expect(gate.roleOf(both.operator)).toBe('operator');
    expect(fs.statSync(tokenFile(d)).mode & 0o777).toBe(0o600);
  });

  it('a deleted or broken file lets nobody in with an empty or made-up token', () => {
    const d = dir();
    const gate = new TokenGate(d);
    const { operator } = gate.current();
    fs.writeFileSync(tokenFile(d), '{"operator":"","viewer":""}');
    expect(gate.roleOf('')).toBeNull();
    expect(gate.roleOf(operator)).toBe('operator');
    fs.rmSync(tokenFile(d));
    expect(gate.roleOf(undefined)).toBeNull();
    expect(gate.roleOf('x'.repeat(10_000))).toBeNull();
  });

  it('compare equal strings only, whatever their lengths', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abc', 'abd')).toBe(false);
    expect(tokensEqual('abc', 'abcd')).toBe(false);
    expect(tokensEqual('', 'abc')).toBe(false);
  });

  it('never reach a log: the logger redacts every token-looking field', () => {
    const logger = new MemoryLogger();
    logger.log('info', 'x', { token: 'secret-1', viewerToken: 'secret-2', nested: { operatorToken: 'secret-3' }, url: 'http://127.0.0.1:7420/' });
    expect(JSON.stringify(logger.records)).not.toMatch(/secret-\d/);
    expect(redact({ accessToken: 'a' })).toEqual({ accessToken: '[redacted]' });
  });
});

describe('the viewer role', () => {
  it('may call every read method and no write method', () => {
    for (const name of METHOD_NAMES) {
      expect(roleMayCall('viewer', METHOD_CHANNELS[name]), name).toBe(METHOD_ACCESS[name] === 'read');
      expect(roleMayCall('operator', METHOD_CHANNELS[name]), name).toBe(true);
    }
  });
});

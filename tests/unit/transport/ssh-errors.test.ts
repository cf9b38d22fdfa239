// Every way a login can fail maps to one stable code and a sentence that says what to do.
import { describe, expect, it } from 'vitest';
import { mapConnectError } from '../../../src/main/engine/transport/ssh-errors';

const ctx = { username: 'ops', methods: ['publickey', 'agent'], readyTimeoutMs: 10_000 };
const fail = (fields: Record<string, unknown>, message = 'x') => Object.assign(new Error(message), fields);

describe('mapConnectError', () => {
  it.each([
    [fail({ code: 'ECONNREFUSED', level: 'client-socket' }), 'UNREACHABLE', /refused/],
    [fail({ code: 'EHOSTUNREACH', level: 'client-socket' }), 'UNREACHABLE', /no route/],
    [fail({ code: 'ENOTFOUND', level: 'client-socket' }), 'UNREACHABLE', /resolved/],
    [fail({ code: 'ETIMEDOUT', level: 'client-socket' }), 'TIMEOUT', /TCP connection within 10 s/],
    [fail({ level: 'client-timeout' }, 'Timed out while waiting for handshake'), 'TIMEOUT', /SSH handshake/],
    [fail({ level: 'client-authentication' }, 'All configured authentication methods failed'), 'AUTH_FAILED', /"ops" \(tried: publickey, agent\)/],
    [fail({ level: 'protocol' }, 'Connection lost before handshake'), 'UNREACHABLE', /before the SSH handshake/],
    [fail({ level: 'handshake' }, 'Handshake failed: no matching key exchange algorithm'), 'PROTOCOL', /no matching key exchange/],
    ['something odd', 'PROTOCOL', /something odd/],
  ])('maps %s to %s', (err, code, message) => {
    const mapped = mapConnectError(err, 'web-01:22', ctx);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toMatch(message);
    expect(mapped.message).toContain('web-01');
    expect(mapped.message).toMatch(/[.)]$/); // a whole sentence, with advice after the cause
  });
});

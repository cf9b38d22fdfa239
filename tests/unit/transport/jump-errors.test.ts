// A jump host's refusals and failures: each names the jump host and what to check, with a
// stable code (RFC 4254 channel-open reason codes; "open failed" is OpenSSH's own wording).
import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../src/shared/errors';
import { JumpHostError, jumpLoginFailed, tunnelRefused, tunnelTimedOut } from '../../../src/main/engine/transport/jump-errors';

const openFailure = (reason: unknown, description: string) => Object.assign(new Error(`(SSH) Channel open failure: ${description}`), { reason });
const jump = 'bastion (10.0.0.5:22)';

describe('jump host errors', () => {
  it.each([
    [openFailure(1, 'open failed'), 'JUMP_HOST_FAILED', /refused to open a connection to 10\.0\.1\.9:22: forwarding is administratively prohibited there \(sshd said "open failed"\)\. Check AllowTcpForwarding/],
    [openFailure(4, 'resource shortage'), 'JUMP_HOST_FAILED', /it could not open the channel/],
    [openFailure(2, 'Connection refused'), 'UNREACHABLE', /could not reach 10\.0\.1\.9:22 \(Connection refused\)\. The address and port are used as the jump host sees them/],
    [Object.assign(new Error('No response from server'), { reason: undefined }), 'UNREACHABLE', /connection to the jump host .* was lost/],
  ])('maps a refused channel (%s) to %s', (err, code, message) => {
    const mapped = tunnelRefused(jump, '10.0.1.9:22', err);
    expect(mapped).toBeInstanceOf(JumpHostError);
    expect(mapped).toMatchObject({ code, hostKeyRefused: false });
    expect(mapped.message).toMatch(message);
    expect(mapped.message).toContain(jump);
  });

  it('keeps the code of a failed jump login and marks a refused key as needing a person', () => {
    expect(jumpLoginFailed(jump, new OpsError('AUTH_FAILED', 'refused.'))).toMatchObject({ code: 'AUTH_FAILED', hostKeyRefused: false, message: `Jump host ${jump}: refused.` });
    expect(jumpLoginFailed(jump, new OpsError('HOSTKEY_CHANGED', 'changed.'))).toMatchObject({ code: 'HOSTKEY_CHANGED', hostKeyRefused: true });
    expect(tunnelTimedOut(jump, '10.0.1.9:22', 10_000)).toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(/bastion .* within 10 s/) });
  });
});

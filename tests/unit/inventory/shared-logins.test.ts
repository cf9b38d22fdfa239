// Shared logins: one connection per login key however many hosts lease it, closed by the last
// release, never kept when it could not be built, and replaced when it may not be reused.
import { describe, expect, it } from 'vitest';
import { SharedLogins } from '../../../src/main/engine/inventory/shared-logins';

class FakeConnection {
  closed = 0;
  refused = false;
  constructor(readonly name: string) {}
  async close(): Promise<void> {
    this.closed++;
  }
}

function counter() {
  const made: FakeConnection[] = [];
  const create = async () => {
    const c = new FakeConnection(`c${made.length + 1}`);
    made.push(c);
    return c;
  };
  return { made, create };
}

describe('shared logins', () => {
  it('creates one connection for concurrent leases of the same login, and closes it with the last release', async () => {
    const pool = new SharedLogins<FakeConnection>();
    const { made, create } = counter();
    const [a, b, c] = await Promise.all([pool.lease('jump@bastion:22', create), pool.lease('jump@bastion:22', create), pool.lease('other', create)]);
    expect(made).toHaveLength(2);
    expect(a.connection).toBe(b.connection);
    expect(pool.holders('jump@bastion:22')).toBe(2);

    await a.release();
    await a.release(); // idempotent: one lease, one release
    expect(a.connection.closed).toBe(0);
    expect(pool.holders('jump@bastion:22')).toBe(1);
    await b.release();
    expect(b.connection.closed).toBe(1);
    expect(pool.size).toBe(1);
    await c.release();
    expect(pool.size).toBe(0);

    const again = await pool.lease('jump@bastion:22', create);
    expect(again.connection).not.toBe(a.connection);
  });

  it('does not keep a login that could not be built, so the next lease tries again', async () => {
    const pool = new SharedLogins<FakeConnection>();
    const failing = () => Promise.reject(new Error('no stored password'));
    await expect(Promise.all([pool.lease('k', failing), pool.lease('k', failing)])).rejects.toThrow('no stored password');
    expect(pool.size).toBe(0);
    const { create } = counter();
    expect((await pool.lease('k', create)).connection.name).toBe('c1');
  });

  it('gives a fresh connection instead of one that may not be reused, closing the old one when its holders let go', async () => {
    const pool = new SharedLogins<FakeConnection>();
    const { made, create } = counter();
    const usable = (c: FakeConnection) => !c.refused;
    const stuck = await pool.lease('k', create, usable);
    stuck.connection.refused = true;
    const fresh = await pool.lease('k', create, usable);
    expect(made).toHaveLength(2);
    expect(fresh.connection).not.toBe(stuck.connection);
    await stuck.release();
    expect(stuck.connection.closed).toBe(1);
    expect(pool.holders('k')).toBe(1);
    await fresh.release();
    expect(fresh.connection.closed).toBe(1);
  });
});

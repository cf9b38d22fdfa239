import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../src/main/engine/core/logger';
import { memorySecretStore, PendingSecretStore, type SecretStore } from '../../../src/main/engine/secrets';

describe('a secret store still being chosen', () => {
  it('makes calls wait for the choice, then answers from the chosen store', async () => {
    let choose!: (store: SecretStore) => void;
    const pending = new PendingSecretStore(new Promise((r) => (choose = r)), new MemoryLogger());
    expect(pending.info).toMatchObject({ backend: 'memory', persistent: false, message: expect.stringContaining('still checking') });
    const saved = pending.set('host:a', 'pw');
    let settled = false;
    void saved.then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);

    const chosen = memorySecretStore('no keychain in this test');
    choose(chosen);
    await saved;
    expect(await pending.get('host:a')).toBe('pw');
    expect(await chosen.accounts()).toEqual(['host:a']);
    expect(pending.info).toBe(chosen.info);
    await pending.delete('host:a');
    expect(await pending.accounts()).toEqual([]);
  });

  it('falls back to memory, and logs why, if choosing fails', async () => {
    const logger = new MemoryLogger();
    const pending = new PendingSecretStore(Promise.reject(new Error('probe exploded')), logger);
    expect(await pending.accounts()).toEqual([]);
    expect(pending.info.backend).toBe('memory');
    expect(logger.records.find((r) => r.event === 'secrets-choice-failed')?.level).toBe('error');
  });
});

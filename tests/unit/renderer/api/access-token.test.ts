import { describe, expect, it } from 'vitest';
import { addressWithoutToken, forgetAccessToken, takeAccessToken, TOKEN_STORAGE_KEY } from '../../../../src/renderer/src/api/access-token';

function memory(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) } as never;
}

describe('the page access token', () => {
  it('moves from the address bar into this tab\'s storage, and the address keeps everything else', () => {
    const storage = memory();
    const replaced: string[] = [];
    const token = takeAccessToken({ pathname: '/', search: '?mode=wall&token=abc123', hash: '#/wall' }, (u) => replaced.push(u), storage);
    expect(token).toBe('abc123');
    expect(storage.data.get(TOKEN_STORAGE_KEY)).toBe('abc123');
    expect(replaced).toEqual(['/?mode=wall#/wall']);
  });

  it('after a reload (no token in the address) comes from storage; forgotten, it is gone', () => {
    const storage = memory();
    storage.setItem(TOKEN_STORAGE_KEY, 'kept');
    const replaced: string[] = [];
    expect(takeAccessToken({ pathname: '/', search: '', hash: '' }, (u) => replaced.push(u), storage)).toBe('kept');
    expect(replaced).toEqual([]);
    forgetAccessToken(storage);
    expect(takeAccessToken({ pathname: '/', search: '', hash: '' }, () => undefined, storage)).toBeNull();
  });

  it('works without storage (blocked by policy) for this page only', () => {
    expect(takeAccessToken({ pathname: '/', search: '?token=t', hash: '' }, () => undefined, null)).toBe('t');
    expect(addressWithoutToken({ pathname: '/x', search: '?token=t', hash: '' })).toBe('/x');
  });

});

// The serve token in the page: taken from the address bar once (?token=...), kept in this tab's
// sessionStorage, and removed from the address so it stays out of the history and of anything
// copied from the address bar. Pure over injected location/history/storage, so tests run in Node.

export const TOKEN_STORAGE_KEY = 'opsdeck.serveToken';

export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface TokenLocation {
  search: string;
  hash: string;
  pathname: string;
}

/** The address without its token: other parameters (mode=wall) and the hash stay. */
export function addressWithoutToken(location: TokenLocation): string {
  const params = new URLSearchParams(location.search);
  params.delete('token');
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
}

/** The token for this tab: the address bar's (then stored and removed from it), else the stored one. */
export function takeAccessToken(location: TokenLocation, replaceAddress: (url: string) => void, storage: TokenStorage | null): string | null {
  const fromAddress = new URLSearchParams(location.search).get('token');
  if (fromAddress) {
    try {
      storage?.setItem(TOKEN_STORAGE_KEY, fromAddress);
    } catch {
      // storage blocked: the token lives in this page only, and a reload asks for the link again
    }
    replaceAddress(addressWithoutToken(location));
    return fromAddress;
  }
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** A rejected token is forgotten, so the next visit shows the "where is my link" screen at once. */
export function forgetAccessToken(storage: TokenStorage | null): void {
  try {
    storage?.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    /* nothing stored */
  }
}

/** missing: no token at all. rejected: serve turned it away (rotated, or mistyped). */
export type AccessState = 'ok' | 'missing' | 'rejected';

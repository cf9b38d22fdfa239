// Access tokens of `opsdeck serve`, the way Jupyter does it: random secrets in one file of the
// data folder (mode 0600), made on first serve and replaced by `opsdeck token rotate`. The
// operator token may do everything; the viewer token (the wall's link) may only read.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type Role = 'operator' | 'viewer';

export interface ServeTokens {
  operator: string;
  viewer: string;
}

export const TOKEN_FILE = 'serve-tokens.json';

/** 24 random bytes, hex: 192 bits, too many to guess, short enough to paste. */
export function newToken(): string {
  return crypto.randomBytes(24).toString('hex');
}

export function tokenFile(dataDir: string): string {
  return path.join(dataDir, TOKEN_FILE);
}

function isTokens(value: unknown): value is ServeTokens {
  const v = value as Partial<ServeTokens> | null;
  return typeof v === 'object' && v !== null && typeof v.operator === 'string' && typeof v.viewer === 'string' && /^[0-9a-f]{32,}$/.test(v.operator) && /^[0-9a-f]{32,}$/.test(v.viewer) && v.operator !== v.viewer;
}

/** Writes the file whole (a temp file renamed over it), readable by its owner only. */
export function writeTokens(dataDir: string, tokens: ServeTokens): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = tokenFile(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(tokens)}\n`, { mode: 0o600 });
  fs.chmodSync(temp, 0o600); // the umask cannot widen it, but an existing temp file could have other bits
  fs.renameSync(temp, file);
}

export function readTokens(dataDir: string): ServeTokens | null {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(tokenFile(dataDir), 'utf8'));
    return isTokens(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** The install's tokens, made now when there are none (or the file is not ours to read). */
export function ensureTokens(dataDir: string): ServeTokens {
  const existing = readTokens(dataDir);
  if (existing) {
    // Someone widened the file's mode: narrow it again, the secrets are only the owner's.
    try {
      if ((fs.statSync(tokenFile(dataDir)).mode & 0o077) !== 0) fs.chmodSync(tokenFile(dataDir), 0o600);
    } catch {
      /* read a moment ago; a race with rotate is harmless */
    }
    return existing;
  }
  const tokens = { operator: newToken(), viewer: newToken() };
  writeTokens(dataDir, tokens);
  return tokens;
}

/** Replaces the viewer token, or both. Pages and sockets holding a replaced token are turned away. */
export function rotateTokens(dataDir: string, which: 'all' | Role): ServeTokens {
  const current = readTokens(dataDir) ?? { operator: newToken(), viewer: newToken() };
  const next: ServeTokens = {
    operator: which === 'viewer' ? current.operator : newToken(),
    viewer: which === 'operator' ? current.viewer : newToken(),
  };
  writeTokens(dataDir, next);
  return next;
}

/** Constant-time: both sides are hashed to equal-length digests first, so length leaks nothing either. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given, 'utf8').digest();
  const b = crypto.createHash('sha256').update(expected, 'utf8').digest();
  return crypto.timingSafeEqual(a, b) && given.length === expected.length;
}

/**
 * What a running serve checks tokens against. It re-reads the file when it changed, so a
 * rotation by `opsdeck token rotate` (another process) takes effect without a restart.
 */
export class TokenGate {
  private tokens: ServeTokens;
  /** inode and mtime of the file read last: a rotation renames a new file over it. */
  private seen = '';

  constructor(private readonly dataDir: string) {
    this.tokens = ensureTokens(dataDir);
    this.seen = this.fileIdentity();
  }

  current(): ServeTokens {
    const identity = this.fileIdentity();
    if (identity !== this.seen) {
      const read = readTokens(this.dataDir);
      // A missing or broken file keeps the tokens in force: nobody is let in by deleting it.
      if (read) this.tokens = read;
      this.seen = identity;
    }
    return this.tokens;
  }

  /** The role a token grants, or null. Both comparisons always run. */
  roleOf(token: string | null | undefined): Role | null {
    if (typeof token !== 'string' || token.length === 0 || token.length > 256) return null;
    const { operator, viewer } = this.current();
    const isOperator = tokensEqual(token, operator);
    const isViewer = tokensEqual(token, viewer);
    return isOperator ? 'operator' : isViewer ? 'viewer' : null;
  }

  private fileIdentity(): string {
    try {
      const stat = fs.statSync(tokenFile(this.dataDir));
      return `${stat.ino}:${stat.mtimeMs}`;
    } catch {
      return 'missing';
    }
  }
}

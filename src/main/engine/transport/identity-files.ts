// Private key files as OpenSSH's client finds them: the one named with -i, or the default
// identities in ~/.ssh. OpsDeck never prompts for a passphrase: an encrypted key is reported
// as such, so the caller can point the person at ssh-agent (or ask for the passphrase in a form).

import fs from 'node:fs';
import path from 'node:path';
import ssh2 from 'ssh2';

/** The files `ssh` tries when no -i is given, in its order (DSA and the -sk types left out). */
export const DEFAULT_IDENTITY_NAMES = ['id_ed25519', 'id_ecdsa', 'id_rsa'] as const;

export type IdentityFile =
  | { file: string; status: 'usable'; key: Buffer }
  | { file: string; status: 'encrypted'; key: Buffer }
  | { file: string; status: 'missing' }
  | { file: string; status: 'unreadable'; detail: string };

export function readIdentityFile(file: string): IdentityFile {
  let key: Buffer;
  try {
    key = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file, status: 'missing' };
    return { file, status: 'unreadable', detail: code === 'EACCES' ? 'permission denied' : String((err as Error).message) };
  }
  const parsed = ssh2.utils.parseKey(key);
  if (parsed instanceof Error) {
    if (/encrypted|passphrase|bad decrypt/i.test(parsed.message)) return { file, status: 'encrypted', key };
    return { file, status: 'unreadable', detail: parsed.message };
  }
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!first?.isPrivateKey()) return { file, status: 'unreadable', detail: 'it does not contain a private key' };
  return { file, status: 'usable', key };
}

/** ~/.ssh/id_ed25519, id_ecdsa, id_rsa: the ones that exist, in that order. */
export function defaultIdentityFiles(home: string): IdentityFile[] {
  return DEFAULT_IDENTITY_NAMES.map((name) => readIdentityFile(path.join(home, '.ssh', name))).filter((i) => i.status !== 'missing');
}

// Login methods for one host, tried in a fixed order: the configured key, then ssh-agent,
// then the password (as "password", then as "keyboard-interactive" for PAM-only servers).
// Only methods the server still accepts are tried, and the method names (never the secrets)
// are reported so an AUTH_FAILED message can say what was tried.

import ssh2, { type AnyAuthMethod, type AuthHandlerMiddleware, type ParsedKey } from 'ssh2';
import { keyUnreadable } from './ssh-errors';

export interface SshCredentials {
  username: string;
  /** Path of an ssh-agent socket (what SSH_AUTH_SOCK holds). */
  agentSocket?: string;
  /** An OpenSSH or PEM private key. */
  privateKey?: string | Buffer;
  passphrase?: string;
  /** Unencrypted keys offered after privateKey, like OpenSSH's default identities (~/.ssh/id_*). */
  extraPrivateKeys?: Array<string | Buffer>;
  password?: string;
}

/** Decrypts and parses the private key once, so reconnects do not repeat the bcrypt work. */
export function parsePrivateKey(key: string | Buffer, passphrase?: string): ParsedKey {
  const parsed = ssh2.utils.parseKey(key, passphrase);
  if (parsed instanceof Error) {
    const encrypted = /encrypted|passphrase|bad decrypt/i.test(parsed.message);
    throw keyUnreadable(encrypted ? (passphrase ? 'the passphrase is wrong' : 'it is encrypted and no passphrase was given') : parsed.message);
  }
  const key0 = Array.isArray(parsed) ? (parsed[0] as ParsedKey | undefined) : parsed;
  if (!key0 || !key0.isPrivateKey()) throw keyUnreadable('it does not contain a private key');
  return key0;
}

/** The method names this set of credentials can offer, in the order they are tried. */
export function offeredMethods(creds: SshCredentials): string[] {
  const methods: string[] = [];
  if (creds.privateKey || creds.extraPrivateKeys?.length) methods.push('publickey');
  if (creds.agentSocket) methods.push('agent');
  if (creds.password !== undefined) methods.push('password', 'keyboard-interactive');
  return methods;
}

/** A fresh handler for one login attempt (it consumes its queue). */
export function createAuthHandler(creds: SshCredentials, key: ParsedKey | readonly ParsedKey[] | null, onAttempt: (method: string) => void): AuthHandlerMiddleware {
  const { username, password } = creds;
  const queue: AnyAuthMethod[] = [];
  for (const k of key === null ? [] : Array.isArray(key) ? key : [key as ParsedKey]) queue.push({ type: 'publickey', username, key: k });
  if (creds.agentSocket) queue.push({ type: 'agent', username, agent: creds.agentSocket });
  if (password !== undefined) {
    queue.push({ type: 'password', username, password });
    queue.push({
      type: 'keyboard-interactive',
      username,
      // Answer only hidden prompts: a visible prompt asks for something other than the password.
      prompt: (_name, _instructions, _lang, prompts, finish) => finish(prompts.map((p) => (p.echo ? '' : password))),
    });
  }
  // The server lists methods by protocol name; an agent signs with "publickey".
  const protocolName = (m: AnyAuthMethod): string => (m.type === 'agent' ? 'publickey' : m.type);

  return (methodsLeft, _partialSuccess, next) => {
    for (let method = queue.shift(); method; method = queue.shift()) {
      if (methodsLeft && !methodsLeft.includes(protocolName(method) as never)) continue;
      onAttempt(method.type);
      next(method);
      return;
    }
    // ssh2 treats `false` as "no more methods"; its typings omit it.
    next(false as unknown as AnyAuthMethod);
  };
}

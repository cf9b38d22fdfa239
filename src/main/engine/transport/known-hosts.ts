// OpenSSH's known_hosts format (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): one key per line,
// `[marker] hostpatterns keytype base64key [comment]`. Host patterns are comma-separated,
// may use `*` and `?`, may be negated with `!`, spell non-22 ports as `[host]:port`, and may be
// hashed (`|1|base64 salt|base64 HMAC-SHA1(salt, name)`, what HashKnownHosts writes).

import { createHmac, timingSafeEqual } from 'node:crypto';
import { hostKeyType, knownHostsName } from './host-key-policy';

export type KnownHostsMarker = 'revoked' | 'cert-authority' | null;

export interface KnownHostsEntry {
  /** 1-based line number in the file, for messages such as "offending key in known_hosts:12". */
  line: number;
  marker: KnownHostsMarker;
  patterns: string[];
  keyType: string;
  key: Buffer;
}

export interface ParsedKnownHosts {
  entries: KnownHostsEntry[];
  /** Lines that could not be read, with why (they are skipped, like OpenSSH does). */
  skipped: Array<{ line: number; reason: string }>;
}

export function parseKnownHosts(text: string): ParsedKnownHosts {
  const entries: KnownHostsEntry[] = [];
  const skipped: ParsedKnownHosts['skipped'] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/\s+/);
    let marker: KnownHostsMarker = null;
    if (fields[0]!.startsWith('@')) {
      const name = fields.shift()!.slice(1);
      if (name !== 'revoked' && name !== 'cert-authority') return void skipped.push({ line, reason: `unknown marker @${name}` });
      marker = name;
    }
    const [hosts, keyType, base64] = fields;
    if (!hosts || !keyType || !base64) return void skipped.push({ line, reason: 'fewer than three fields' });
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return void skipped.push({ line, reason: 'the key is not base64' });
    const key = Buffer.from(base64, 'base64');
    if (hostKeyType(key) !== keyType) return void skipped.push({ line, reason: `the key is not a ${keyType} key` });
    entries.push({ line, marker, patterns: hosts.split(','), keyType, key });
  });
  return { entries, skipped };
}

function wildcardMatch(pattern: string, name: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(name);
}

function hashedMatch(pattern: string, name: string): boolean {
  const [, magic, salt, hash] = pattern.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Whether a line's host patterns name `host:port`: one positive match and no negated one. */
export function entryMatchesHost(entry: Pick<KnownHostsEntry, 'patterns'>, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  let matched = false;
  for (const pattern of entry.patterns) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    const hit = body.startsWith('|') ? hashedMatch(body, name) : wildcardMatch(body, name);
    if (hit && negated) return false;
    if (hit) matched = true;
  }
  return matched;
}

export type KnownHostsVerdict =
  | { verdict: 'trusted'; line: number }
  | { verdict: 'revoked'; line: number }
  | { verdict: 'changed'; line: number }
  | { verdict: 'unknown'; otherKeyTypes: string[] };

export interface KnownHostsLookup {
  result: KnownHostsVerdict;
  /** Lines for this host that OpsDeck read but does not act on (host certificates). */
  notes: string[];
}

/**
 * What OpenSSH would decide for this key. A revoked key is refused everywhere; a key of a type
 * the file already holds a different key of, for this host, is a changed key; a host known
 * only by keys of other types is unknown for this one (OpenSSH asks again in that case too).
 */
export function lookupHostKey(parsed: ParsedKnownHosts, host: string, port: number, keyBlob: Buffer): KnownHostsLookup {
  const keyType = hostKeyType(keyBlob);
  const notes: string[] = [];
  const forHost = parsed.entries.filter((e) => entryMatchesHost(e, host, port));
  const revoked = parsed.entries.find((e) => e.marker === 'revoked' && e.key.equals(keyBlob) && entryMatchesHost(e, host, port));
  if (revoked) return { result: { verdict: 'revoked', line: revoked.line }, notes };
  for (const ca of forHost.filter((e) => e.marker === 'cert-authority')) {
    notes.push(`line ${ca.line} is a @cert-authority line for this host; OpsDeck does not check host certificates, so it was ignored`);
  }
  const plain = forHost.filter((e) => e.marker === null);
  const same = plain.find((e) => e.key.equals(keyBlob));
  if (same) return { result: { verdict: 'trusted', line: same.line }, notes };
  const sameType = plain.find((e) => e.keyType === keyType);
  if (sameType) return { result: { verdict: 'changed', line: sameType.line }, notes };
  return { result: { verdict: 'unknown', otherKeyTypes: [...new Set(plain.map((e) => e.keyType))] }, notes };
}

/** The line accept-new appends: plain (not hashed) like `ssh -o HashKnownHosts=no` writes it. */
export function knownHostsLine(host: string, port: number, keyBlob: Buffer): string {
  return `${knownHostsName(host, port)} ${hostKeyType(keyBlob) ?? 'ssh-ed25519'} ${keyBlob.toString('base64')}`;
}

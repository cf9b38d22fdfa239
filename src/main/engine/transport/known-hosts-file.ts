// A HostKeyPolicy over an OpenSSH known_hosts file, re-read at every verdict (a login is rare
// and the person may have edited the file meanwhile). accept-new appends one plain line.

import fs from 'node:fs';
import path from 'node:path';
import type { HostKeyPolicy, HostKeyVerdict } from './host-key-policy';
import { knownHostsLine, lookupHostKey, parseKnownHosts, type KnownHostsLookup } from './known-hosts';

export class KnownHostsFile implements HostKeyPolicy {
  /** Notes about lines that were read but not acted on (host certificates), per lookup. */
  readonly notes: string[] = [];

  constructor(
    readonly file: string,
    private readonly opts: { readOnly?: boolean } = {},
  ) {}

  lookup(host: string, port: number, keyBlob: Buffer): KnownHostsLookup {
    let text = '';
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return lookupHostKey(parseKnownHosts(text), host, port, keyBlob);
  }

  verify(host: string, port: number, keyBlob: Buffer): HostKeyVerdict {
    const { result, notes } = this.lookup(host, port, keyBlob);
    for (const note of notes) if (!this.notes.includes(note)) this.notes.push(note);
    return result.verdict;
  }

  explain(host: string, port: number, keyBlob: Buffer, verdict: HostKeyVerdict): string | null {
    const { result } = this.lookup(host, port, keyBlob);
    if (verdict === 'changed' && result.verdict === 'changed') return `The trusted key is on line ${result.line} of ${this.file}.`;
    if (verdict === 'revoked' && result.verdict === 'revoked') return `It is revoked on line ${result.line} of ${this.file}.`;
    if (verdict === 'unknown' && result.verdict === 'unknown' && result.otherKeyTypes.length > 0) {
      return `${this.file} knows this host only by other key types (${result.otherKeyTypes.join(', ')}).`;
    }
    return null;
  }

  trust(host: string, port: number, keyBlob: Buffer): void {
    if (this.opts.readOnly) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    let prefix = '';
    try {
      const text = fs.readFileSync(this.file, 'utf8');
      if (text.length > 0 && !text.endsWith('\n')) prefix = '\n';
    } catch {
      // A missing file is created by the append below.
    }
    fs.appendFileSync(this.file, `${prefix}${knownHostsLine(host, port, keyBlob)}\n`, { mode: 0o600 });
  }
}

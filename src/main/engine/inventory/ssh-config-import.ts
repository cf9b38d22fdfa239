// Reads ~/.ssh/config (or pasted text) into inventory candidates: one per concrete Host alias,
// with HostName, Port, User, IdentityFile and ProxyJump as OpenSSH would compute them. Parsing
// and matching are the ssh-config library's; Include is expanded here first, because the
// library leaves it as a plain directive. `Match exec` is never run. ProxyJump is kept as
// written: a Host alias in it is found by name once that alias is imported too.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SSHConfig from 'ssh-config';
import { OpsError } from '../../../shared/errors';
import type { SshConfigImportEntry, SshImportRemark } from '../../../shared/inventory-contract';
import { parseJumpHost } from './jump-host';

export interface SshConfigRead {
  source: string;
  entries: Array<SshConfigImportEntry & { notes: SshImportRemark[] }>;
  warnings: SshImportRemark[];
}

/** A remark for the preview: its code and data for the UI's sentence, English for logs and tests. */
function remark(code: SshImportRemark['code'], message: string, data: SshImportRemark['data']): SshImportRemark {
  return { code, message, data };
}

const MAX_INCLUDE_DEPTH = 16; // OpenSSH's READCONF_MAX_DEPTH
const ADDRESS_RE = /^[A-Za-z0-9.:_%-]{1,253}$/;
const USER_RE = /^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$/;

function expandTilde(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p;
}

function wildcardRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** Include arguments: ~ is home, relative paths are under ~/.ssh, `*` and `?` glob the file name. */
function includeTargets(arg: string, home: string): string[] {
  const full = path.resolve(path.join(home, '.ssh'), expandTilde(arg, home));
  const base = path.basename(full);
  if (!/[*?]/.test(base)) return [full];
  const dir = path.dirname(full);
  const re = wildcardRegExp(base);
  try {
    return fs.readdirSync(dir).filter((n) => re.test(n)).sort().map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

function expandIncludes(text: string, home: string, warnings: SshImportRemark[], depth: number): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const m = /^\s*Include\s*[= ]\s*(.+?)\s*$/i.exec(line);
      if (!m) return line;
      if (depth >= MAX_INCLUDE_DEPTH) {
        warnings.push(remark('INCLUDE_TOO_DEEP', `Include nested deeper than ${MAX_INCLUDE_DEPTH} levels was not followed: ${m[1]}`, { file: m[1] ?? '', depth: MAX_INCLUDE_DEPTH }));
        return '';
      }
      const parts = m[1]!.match(/"[^"]*"|\S+/g) ?? [];
      return parts
        .flatMap((arg) => includeTargets(arg.replace(/^"|"$/g, ''), home))
        .map((file) => {
          try {
            return expandIncludes(fs.readFileSync(file, 'utf8'), home, warnings, depth + 1);
          } catch (err) {
            warnings.push(remark('INCLUDE_UNREADABLE', `Included file ${file} could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, { file }));
            return '';
          }
        })
        .join('\n');
    })
    .join('\n');
}

function localUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? '';
  }
}

function directiveValues(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.map((v: { val: string }) => v.val);
  return [];
}

function first(value: unknown): string | undefined {
  return Array.isArray(value) ? (value[0] as string | undefined) : typeof value === 'string' ? value : undefined;
}

/** `localUser` is who ssh would log in as when no User applies: the user running OpsDeck. */
export function readSshConfig(opts: { text?: string; home: string; localUser?: string }): SshConfigRead {
  const warnings: SshImportRemark[] = [];
  const file = path.join(opts.home, '.ssh', 'config');
  let text = opts.text;
  if (text === undefined) {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new OpsError('SSH_CONFIG_UNREADABLE', `${file} could not be read (${reason}).`, { file, reason });
    }
  }
  // CanonicalizeHostName makes the library run nslookup; a preview must not reach the network.
  const expanded = expandIncludes(text, opts.home, warnings, 0)
    .split('\n')
    .filter((l) => !/^\s*CanonicalizeHostName\b/i.test(l))
    .join('\n');
  const config = SSHConfig.parse(expanded);
  const aliases: string[] = [];
  for (const line of config) {
    if (line.type !== SSHConfig.DIRECTIVE || !/^host$/i.test(line.param)) continue;
    for (const alias of directiveValues(line.value)) {
      if (/[*?!]/.test(alias)) continue; // patterns configure other hosts; they are not hosts
      if (!aliases.includes(alias)) aliases.push(alias);
    }
  }

  const entries: SshConfigRead['entries'] = [];
  for (const alias of aliases) {
    const c = config.compute(alias, { matchExec: false }) as Record<string, unknown>;
    const notes: SshImportRemark[] = [];
    const address = (first(c.HostName) ?? alias).replace(/%h/g, alias);
    const user = first(c.User) ?? opts.localUser ?? localUserName();
    const port = Number(first(c.Port) ?? 22);
    if (!ADDRESS_RE.test(address) || !USER_RE.test(user) || !Number.isInteger(port) || port < 1 || port > 65535) {
      warnings.push(remark('HOST_UNUSABLE', `Host ${alias} was left out: its address, user or port is not usable (${address}, ${user || 'no user'}, ${String(first(c.Port) ?? 22)}).`, { alias }));
      continue;
    }
    const identities = ((Array.isArray(c.IdentityFile) ? c.IdentityFile : []) as string[]).filter((f) => f !== 'none');
    if (identities.length > 1) notes.push(remark('MANY_IDENTITIES', `Only the first IdentityFile is used (${identities.length} are listed).`, { count: identities.length }));
    const proxyJump = first(c.ProxyJump);
    const jumpHost = proxyJump && proxyJump !== 'none' ? proxyJump : null;
    if (jumpHost?.includes(',')) {
      notes.push(remark('JUMP_CHAIN', 'ProxyJump lists several jump hosts; OpsDeck connects through one only, so this host will not be polled until its jump host is changed.', {}));
    } else if (jumpHost) {
      const alias = parseJumpHost(jumpHost)?.host ?? jumpHost;
      if (aliases.includes(alias)) notes.push(remark('IMPORT_JUMP_TOO', `Reached through the jump host ${alias}: import ${alias} too, so that its address, user and key are used.`, { alias }));
    }
    if (first(c.ProxyCommand)) notes.push(remark('PROXY_COMMAND', 'ProxyCommand is not supported and was ignored.', {}));
    entries.push({ alias, address, port, user, keyPath: identities[0] ? expandTilde(identities[0], opts.home) : null, jumpHost, notes });
  }
  return { source: opts.text === undefined ? file : 'text', entries, warnings };
}

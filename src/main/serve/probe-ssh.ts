// `opsdeck probe ssh://user@host[:port]`: one snapshot of a Linux host over SSH, read the way
// the engine reads it, with the trust and logins of OpenSSH's own client: ~/.ssh/known_hosts,
// ssh-agent (SSH_AUTH_SOCK), -i or the default identities. It never prompts for anything.

import os from 'node:os';
import path from 'node:path';
import { OpsError } from '../../shared/errors';
import type { Target } from '../../shared/model';
import { createSshCollector } from '../engine/collectors/ssh-host';
import { systemClock } from '../engine/core/clock';
import { DEFAULT_RULES } from '../engine/rules/default-rules';
import { buildSnapshot } from '../engine/target-monitor';
import { defaultIdentityFiles, readIdentityFile, type IdentityFile } from '../engine/transport/identity-files';
import { knownHostsName } from '../engine/transport/host-key-policy';
import { KnownHostsFile } from '../engine/transport/known-hosts-file';
import type { SshCredentials } from '../engine/transport/ssh-auth';
import { SshConnection } from '../engine/transport/ssh-connection';
import { HostKeyError } from '../engine/transport/ssh-errors';
import { checkTcpReachable } from '../engine/transport/tcp-reachable';
import { reportFromSnapshot, type ProbeReport } from './probe';

/** The password for password logins comes from here (like sshpass -e), never from the command line. */
export const PASSWORD_ENV = 'OPSDECK_SSH_PASSWORD';

export interface SshProbeOptions {
  spec: string;
  identity?: string;
  acceptNew: boolean;
  sampleMs: number;
  /** Deadline of the login and of each poll. */
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
  /** Non-fatal remarks for stderr, such as ignored @cert-authority lines. */
  note?(text: string): void;
}

export interface SshTargetSpec {
  user: string | null;
  host: string;
  port: number;
}

const badTarget = (spec: string, why: string) => new OpsError('BAD_TARGET', `"${spec.replace(/^(ssh:\/\/[^:@/]*):[^@/]*@/i, '$1:***@')}" is not a usable SSH target: ${why}. Write it as ssh://user@host or ssh://user@host:2222.`);

export function parseSshTarget(spec: string): SshTargetSpec {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw badTarget(spec, 'it is not a URL');
  }
  if (url.protocol !== 'ssh:') throw badTarget(spec, 'it does not start with ssh://');
  if (url.password) throw badTarget(spec, `a password in the address would end up in shell history; put it in ${PASSWORD_ENV} instead`);
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) throw badTarget(spec, 'it has a path or query after the host');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw badTarget(spec, 'the host is missing');
  return { user: url.username ? decodeURIComponent(url.username) : null, host, port: url.port ? Number(url.port) : 22 };
}

interface ResolvedCredentials {
  credentials: SshCredentials;
  /** Keys left out because they need a passphrase (named in an AUTH_FAILED message). */
  encrypted: string[];
}

function passphraseNeeded(files: string[]): OpsError {
  const list = files.join(', ');
  return new OpsError(
    'PASSPHRASE_REQUIRED',
    `The key ${list} is protected by a passphrase, and opsdeck probe never asks for one. ` +
      `Load it into ssh-agent ("ssh-add ${files[0]}") and run again with SSH_AUTH_SOCK set.`,
  );
}

/** The --identity file, or BAD_VALUE: a wrong path is a mistake on the command line, found before any connection. */
export function identityFromFlag(identity: string): IdentityFile {
  const one = readIdentityFile(path.resolve(identity));
  if (one.status === 'missing') throw new OpsError('BAD_VALUE', `--identity ${identity}: there is no such file.`, { flag: '--identity', value: identity });
  if (one.status === 'unreadable') throw new OpsError('BAD_VALUE', `--identity ${identity} cannot be used as a private key: ${one.detail}.`, { flag: '--identity', value: identity });
  return one;
}

export function resolveCredentials(user: string, home: string, env: NodeJS.ProcessEnv, identity?: string): ResolvedCredentials {
  const agentSocket = env.SSH_AUTH_SOCK || undefined;
  const password = env[PASSWORD_ENV] || undefined;
  let files: IdentityFile[];
  if (identity !== undefined) {
    files = [identityFromFlag(identity)];
  } else {
    files = defaultIdentityFiles(home).filter((f) => f.status !== 'unreadable');
  }
  const keys = files.flatMap((f) => (f.status === 'usable' ? [f.key] : []));
  const encrypted = files.filter((f) => f.status === 'encrypted').map((f) => f.file);
  // An encrypted key is still usable through the agent, the way ssh uses it: no prompt either way.
  if (encrypted.length > 0 && keys.length === 0 && !agentSocket && !password) throw passphraseNeeded(encrypted);
  if (keys.length === 0 && !agentSocket && !password) {
    throw new OpsError(
      'AUTH_FAILED',
      `There is nothing to log in with: no --identity, no key in ${path.join(home, '.ssh')} (id_ed25519, id_ecdsa, id_rsa), ` +
        `no ssh-agent (SSH_AUTH_SOCK) and no ${PASSWORD_ENV}.`,
    );
  }
  const [first, ...rest] = keys;
  return { credentials: { username: user, agentSocket, password, privateKey: first, extraPrivateKeys: rest }, encrypted };
}

export function cliHostKeyError(err: HostKeyError, host: string, port: number, knownHosts: KnownHostsFile): OpsError {
  const where = `${host}:${port}`;
  const key = `${err.keyType ?? 'key'} ${err.fingerprint}`;
  const notes = knownHosts.notes.length ? ` Note: ${knownHosts.notes.join('; ')}.` : '';
  if (err.code === 'HOSTKEY_UNKNOWN') {
    return new OpsError(
      'HOSTKEY_UNKNOWN',
      `${where} presented a host key that is not in ${knownHosts.file} (${key}). ` +
        'Compare it with the fingerprint the server administrator reports (ssh-keygen -lf on the server), then run again with --accept-new to add it.' +
        notes,
    );
  }
  if (err.code === 'HOSTKEY_CHANGED') {
    return new OpsError(
      'HOSTKEY_CHANGED',
      `${err.message} Once the administrator confirmed the new key, remove the old one with: ssh-keygen -R '${knownHostsName(host, port)}'.`,
    );
  }
  return err;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function probeSsh(opts: SshProbeOptions): Promise<ProbeReport> {
  const { host, port, user: specUser } = parseSshTarget(opts.spec);
  const home = opts.env.HOME || os.homedir();
  const user = specUser ?? (opts.env.USER || os.userInfo().username);
  if (opts.identity !== undefined) identityFromFlag(opts.identity);
  // A closed port or a wrong address is UNREACHABLE before any question about keys or passwords.
  await checkTcpReachable(host, port, opts.timeoutMs);
  const { credentials, encrypted } = resolveCredentials(user, home, opts.env, opts.identity);
  const knownHosts = new KnownHostsFile(path.join(home, '.ssh', 'known_hosts'));
  const connection = new SshConnection({
    host,
    port,
    credentials,
    hostKeys: knownHosts,
    acceptNewHostKey: opts.acceptNew,
    readyTimeoutMs: opts.timeoutMs,
  });
  const collector = createSshCollector({ connection, clock: systemClock, pollTimeoutMs: opts.timeoutMs });
  try {
    await collector.collect();
    await sleep(opts.sampleMs);
    const result = await collector.collect();
    for (const note of knownHosts.notes) opts.note?.(note);
    const target: Target = { id: `ssh:${user}@${knownHostsName(host, port)}`, name: host, kind: 'ssh', intervalMs: opts.sampleMs, enabled: true };
    return reportFromSnapshot(target, buildSnapshot(target, result, DEFAULT_RULES));
  } catch (err) {
    if (err instanceof HostKeyError) throw cliHostKeyError(err, host, port, knownHosts);
    if (err instanceof OpsError && err.code === 'AUTH_FAILED' && encrypted.length > 0) {
      throw new OpsError('AUTH_FAILED', `${err.message} Skipped ${encrypted.join(', ')}: protected by a passphrase; load it into ssh-agent with ssh-add.`);
    }
    throw err;
  } finally {
    await collector.close();
  }
}

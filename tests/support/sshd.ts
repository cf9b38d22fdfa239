// A real OpenSSH sshd on 127.0.0.1 for integration tests: its own folder with an ed25519 host
// key, client keys and config, a free port from the OS, a log at LogLevel VERBOSE so logins
// can be counted. Root logs in with keys only; password logins use a temporary local user
// (see createPasswordUser for why not root). TCP forwarding is allowed (OpenSSH's default), so
// an instance can serve as a jump host; `allowTcpForwarding: false` makes one that refuses.
import { execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SSHD = '/usr/sbin/sshd';

export interface KeyPair {
  privatePath: string;
  privateKey: string;
  publicLine: string;
}

export interface PasswordUser {
  username: string;
  password: string;
}

export interface SshdHandle {
  host: '127.0.0.1';
  port: number;
  dir: string;
  /** The user every key logs in as. */
  user: string;
  clientKey: KeyPair;
  /** The same kind of key, encrypted with `passphrase`. */
  encryptedKey: KeyPair & { passphrase: string };
  /** Authorized, but meant to be served through ssh-agent only. */
  agentKey: KeyPair;
  /** Authorized with a forced command that never answers (a hung shell). */
  hungKey: KeyPair;
  /** Authorized with a forced command that kills its own session after a moment. */
  dropKey: KeyPair;
  /** A valid key the server does not know. */
  strangerKey: KeyPair;
  /** null when a temporary local user could not be created (not root, no useradd). */
  passwordUser: PasswordUser | null;
  /** The public host key blob, as a client sees it during key exchange. */
  hostKeyBlob(): Buffer;
  log(): string;
  /** "Accepted publickey|password ..." lines so far: one per successful login. */
  countAccepted(): number;
  /** Stops sshd and every session it started, then starts it again on the same port. */
  restart(opts?: { newHostKey?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

async function keygen(file: string, passphrase = '', comment = 'opsdeck-test'): Promise<KeyPair> {
  // -a 4: fewer bcrypt rounds for the encrypted key keep each test login fast; still real bcrypt.
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-a', '4', '-N', passphrase, '-C', comment, '-f', file]);
  return { privatePath: file, privateKey: fs.readFileSync(file, 'utf8'), publicLine: fs.readFileSync(`${file}.pub`, 'utf8').trim() };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A pid counts as gone when it no longer exists or is a zombie (state Z) waiting for its reaper. */
export function isGone(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function allPids(): number[] {
  return fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
}

function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const ppid = parentOf(pid);
    if (ppid !== null) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

/** Processes whose command line is exactly `args` (the hung key's unique sleep). */
function pidsWithCommandLine(args: string[]): number[] {
  const wanted = `${args.join('\0')}\0`;
  return allPids().filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') === wanted;
    } catch {
      return false;
    }
  });
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

async function waitGone(pids: number[], ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (pids.every(isGone)) return true;
    await sleep(20);
  }
  return pids.every(isGone);
}

/**
 * Password logins need a user with a password in /etc/shadow. Giving root one would change
 * the machine's real root account (and CI runs as root), so a throwaway user is created with
 * useradd + chpasswd and removed in stop(). Needs root; returns null otherwise.
 */
async function createPasswordUser(home: string): Promise<PasswordUser | null> {
  if (process.getuid?.() !== 0) return null;
  const username = `opsdeckpw${crypto.randomBytes(4).toString('hex')}`;
  const password = crypto.randomBytes(12).toString('base64url');
  try {
    fs.mkdirSync(home, { recursive: true });
    await run('useradd', ['-M', '-d', home, '-s', '/bin/sh', username]);
    const chpasswd = spawn('chpasswd', [], { stdio: ['pipe', 'ignore', 'ignore'] });
    chpasswd.stdin.end(`${username}:${password}\n`);
    const code = await new Promise<number | null>((resolve) => chpasswd.on('close', resolve));
    if (code !== 0) throw new Error(`chpasswd exited ${code}`);
    return { username, password };
  } catch {
    await run('userdel', [username]).catch(() => undefined);
    return null;
  }
}

export interface SshdOptions {
  passwordUser?: boolean;
  /** false writes `AllowTcpForwarding no`: direct-tcpip channels are "administratively prohibited". */
  allowTcpForwarding?: boolean;
}

export async function startSshd(opts: SshdOptions = {}): Promise<SshdHandle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-sshd-'));
  fs.mkdirSync('/run/sshd', { recursive: true });
  const hostKeyPath = path.join(dir, 'host_ed25519');
  const keyFile = (name: string) => path.join(dir, name);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKeyPath]);
  const [clientKey, agentKey, hungKey, dropKey, strangerKey] = await Promise.all(
    ['client', 'agent', 'hung', 'drop', 'stranger'].map((n) => keygen(keyFile(`${n}_ed25519`))),
  );
  const passphrase = 'correct horse battery staple';
  const encryptedKey = { ...(await keygen(keyFile('encrypted_ed25519'), passphrase)), passphrase };

  // A unique sleep, so stop() can find the hung key's orphans after their session is gone.
  const hungSleep = ['sleep', `20.${crypto.randomInt(100_000, 999_999)}`];
  fs.writeFileSync(
    path.join(dir, 'authorized_keys'),
    [
      clientKey!.publicLine,
      encryptedKey.publicLine,
      agentKey!.publicLine,
      `command="exec ${hungSleep.join(' ')}" ${hungKey!.publicLine}`,
      // $PPID of the forced command's shell is the session's sshd: killing it drops the TCP connection.
      `command="sleep 0.3; kill -9 $PPID" ${dropKey!.publicLine}`,
      '',
    ].join('\n'),
  );
  const passwordUser = opts.passwordUser ? await createPasswordUser(path.join(dir, 'home')) : null;

  // The session's HOME is an empty folder: a login shell reads ~/.profile, and the machine's own
  // dotfiles (root's pyenv init, which waits up to 60 s on a rehash lock) are not under test.
  const sessionHome = path.join(dir, 'session-home');
  fs.mkdirSync(sessionHome, { recursive: true });
  const configPath = path.join(dir, 'sshd_config');
  const logPath = path.join(dir, 'sshd.log');
  const pidPath = path.join(dir, 'sshd.pid');
  let pid = 0;
  let port = 0;

  const writeConfig = () =>
    fs.writeFileSync(
      configPath,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKeyPath}`,
        `PidFile ${pidPath}`,
        `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
        'UsePAM no',
        'StrictModes no',
        'PermitRootLogin prohibit-password',
        `PasswordAuthentication ${passwordUser ? 'yes' : 'no'}`,
        'KbdInteractiveAuthentication no',
        'LogLevel VERBOSE',
        'MaxSessions 10',
        'PrintMotd no',
        'PrintLastLog no',
        'UseDNS no',
        `SetEnv HOME=${sessionHome}`,
        ...(opts.allowTcpForwarding === false ? ['AllowTcpForwarding no'] : []),
        '',
      ].join('\n'),
    );

  // sshd daemonizes and exits 0 even when it cannot bind: only the pid file says it runs.
  const launch = async (): Promise<boolean> => {
    writeConfig();
    fs.rmSync(pidPath, { force: true });
    await run(SSHD, ['-f', configPath, '-E', logPath]).catch(() => undefined);
    const until = Date.now() + 3_000;
    while (Date.now() < until) {
      const text = fs.existsSync(pidPath) ? fs.readFileSync(pidPath, 'utf8').trim() : '';
      if (/^\d+$/.test(text) && !isGone(Number(text))) {
        pid = Number(text);
        return true;
      }
      await sleep(10);
    }
    return false;
  };
  const failure = () => new Error(`sshd did not start on port ${port}; its log:\n${fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8') : '(none)'}`);

  const kill_ = async (): Promise<void> => {
    if (!pid) return;
    // Sessions outlive a stopped listener in OpenSSH; a restart in these tests drops them too.
    const sessions = descendantsOf(pid);
    for (const p of sessions) kill(p, 'SIGKILL');
    kill(pid, 'SIGTERM');
    if (!(await waitGone([pid, ...sessions], 3_000))) kill(pid, 'SIGKILL');
    await waitGone([pid], 2_000);
    pid = 0;
  };

  // A free port can be taken by someone else before sshd binds it: then try another.
  let started = false;
  for (let attempt = 0; attempt < 5 && !started; attempt++) {
    port = await freePort();
    started = await launch();
  }
  if (!started) throw failure();

  const handle: SshdHandle = {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    dir,
    user: os.userInfo().username,
    clientKey: clientKey!,
    encryptedKey,
    agentKey: agentKey!,
    hungKey: hungKey!,
    dropKey: dropKey!,
    strangerKey: strangerKey!,
    passwordUser,
    hostKeyBlob() {
      const [, base64] = fs.readFileSync(`${hostKeyPath}.pub`, 'utf8').trim().split(/\s+/);
      return Buffer.from(base64 ?? '', 'base64');
    },
    log: () => (fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8') : ''),
    countAccepted: () => handle.log().split('\n').filter((l) => /\bAccepted (publickey|password|keyboard-interactive)\b/.test(l)).length,
    async restart(o = {}) {
      await kill_();
      if (o.newHostKey) {
        fs.rmSync(hostKeyPath, { force: true });
        fs.rmSync(`${hostKeyPath}.pub`, { force: true });
        await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKeyPath]);
      }
      if (!(await launch())) throw failure();
    },
    async stop() {
      await kill_();
      for (const p of pidsWithCommandLine(hungSleep)) kill(p, 'SIGKILL');
      if (passwordUser) await run('userdel', [passwordUser.username]).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}

export interface AgentHandle {
  socket: string;
  stop(): Promise<void>;
}

/** An ssh-agent in the foreground on its own socket, holding the given keys. */
export async function startAgent(keyPaths: string[]): Promise<AgentHandle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-agent-'));
  const socket = path.join(dir, 'agent.sock');
  const child = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const until = Date.now() + 5_000;
  while (!fs.existsSync(socket)) {
    if (Date.now() > until || child.exitCode !== null) throw new Error('ssh-agent did not start');
    await sleep(10);
  }
  for (const key of keyPaths) await run('ssh-add', ['-q', key], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
  return {
    socket,
    async stop() {
      const exited = new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

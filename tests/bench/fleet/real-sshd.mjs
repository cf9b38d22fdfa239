// Part B: cost per poll against this machine's real OpenSSH sshd (tests/support/sshd.ts) and
// against node_exporter, in one process, one mode after the other, the same fast-cadence data:
//   persistent  OpsDeck: one login, one long-lived /bin/sh, one composite script per poll
//   new-conn    a new SshConnection (TCP + key exchange + login + shell) per poll
//   exec        one login, one `exec` of the composite script per poll (sshd runs the login shell)
//   node_exporter  one HTTP scrape of /metrics (keep-alive), default collectors and the same-data set
// Remote CPU per poll = change of the summed utime+stime+cutime+cstime over the sshd listener
// and all its live descendants (a process's CPU moves into its parent's cutime when reaped, so
// the sum counts every tick once, including sessions that began and ended in between), divided
// by polls. Cross-check: system-wide busy jiffies from /proc/stat minus this process's CPU.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import ssh2 from 'ssh2';

const TICK_MS = 10; // USER_HZ 100
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function procStat(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { comm: s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

/** Waits until `root` has no descendants left (a closed session can outlive its connection briefly). */
async function settle(root) {
  for (let i = 0; i < 60; i++) {
    let alive = false;
    for (const name of fs.readdirSync('/proc')) if (/^\d+$/.test(name) && procStat(Number(name))?.ppid === root) alive = true;
    if (!alive) return;
    await sleep(50);
  }
}

/**
 * CPU ticks of a process tree: the root and every live descendant, children's reaped time
 * included. `shell`: the part in processes that are not sshd (a live shell and what it ran).
 */
function treeTicks(root) {
  const stats = new Map();
  for (const name of fs.readdirSync('/proc')) if (/^\d+$/.test(name)) {
    const st = procStat(Number(name));
    if (st) stats.set(Number(name), st);
  }
  let total = 0;
  let shell = 0;
  for (const [pid, st] of stats) {
    for (let p = pid; p > 1; p = stats.get(p)?.ppid ?? 0) if (p === root) {
      total += st.ticks;
      if (st.comm !== 'sshd') shell += st.ticks;
      break;
    }
  }
  return { total, shell };
}

function systemStat() {
  const text = fs.readFileSync('/proc/stat', 'utf8');
  const cpu = text.slice(4, text.indexOf('\n')).trim().split(/\s+/).map(Number);
  return { busy: cpu.reduce((a, b) => a + b, 0) - cpu[3] - cpu[4], forks: Number(/^processes (\d+)/m.exec(text)[1]) };
}

/** Runs `polls` polls of `poll` and measures latency, remote CPU, forks and logins around them. */
async function measure(label, polls, poll, cpuOf, logins) {
  const lat = [];
  const forks = [];
  const self0 = process.cpuUsage();
  const sys0 = systemStat();
  const cpu0 = cpuOf();
  const logins0 = logins();
  let prev = sys0.forks;
  for (let i = 0; i < polls; i++) {
    const t = performance.now();
    let timer;
    await Promise.race([poll(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${label}: a poll took over 30 s`)), 30_000)))]);
    clearTimeout(timer);
    lat.push(performance.now() - t);
    const f = systemStat().forks;
    forks.push(f - prev);
    prev = f;
  }
  await sleep(300); // let closing sessions finish and be reaped into the tree's totals
  const cpu1 = cpuOf();
  const cpu = cpu1.total - cpu0.total;
  const self = process.cpuUsage(self0);
  const sys = systemStat();
  return {
    label, polls,
    p50: median(lat), p95: [...lat].sort((a, b) => a - b)[Math.floor(lat.length * 0.95)],
    remoteCpuMs: (cpu * TICK_MS) / polls,
    shellCpuMs: ((cpu1.shell - cpu0.shell) * TICK_MS) / polls,
    systemMinusClientMs: ((sys.busy - sys0.busy) * TICK_MS - (self.user + self.system) / 1000) / polls,
    clientCpuMs: (self.user + self.system) / 1000 / polls,
    forksMedian: median(forks), forksMean: (sys.forks - sys0.forks) / polls,
    logins: logins() - logins0,
  };
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startNodeExporter(args) {
  const port = await freePort();
  const child = spawn('prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${port}`, ...args], { stdio: 'ignore' });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const scrape = () => new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/metrics', agent }, (res) => {
      let bytes = 0;
      res.on('data', (c) => (bytes += c.length));
      res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`HTTP ${res.statusCode}`))));
    }).on('error', reject);
  });
  for (let i = 0; ; i++) {
    try {
      await scrape();
      break;
    } catch (err) {
      if (i > 100) throw new Error(`node_exporter did not answer: ${err.message}`);
      await sleep(50);
    }
  }
  return { child, scrape, stop: () => (agent.destroy(), child.kill()) };
}

/**
 * A throw-away account whose login shell is /bin/sh with no rc files (what most service
 * accounts look like), authorized by the harness's shared authorized_keys. Needs root; the
 * password field is '*' (no password, but not "locked", which sshd would refuse).
 */
function createPlainUser(sshdDir) {
  if (process.getuid?.() !== 0) return null;
  const home = `${sshdDir}/home`;
  const name = `opsdeckbench${process.pid}`;
  try {
    execFileSync('useradd', ['-M', '-d', home, '-s', '/bin/sh', '-p', '*', name], { stdio: 'ignore' });
    fs.mkdirSync(home, { recursive: true });
    // The harness's folder is 0700: let the account reach the shared authorized_keys (keys stay 0600).
    fs.chmodSync(sshdDir, 0o711);
    fs.chmodSync(`${sshdDir}/authorized_keys`, 0o644);
    return { name, remove: () => execFileSync('userdel', [name], { stdio: 'ignore' }) };
  } catch {
    return null;
  }
}

/** A bare ssh2 login with ssh2's default algorithms and TCP_NODELAY, as SshConnection makes. */
function login(sshd, user) {
  const client = new ssh2.Client();
  const sock = new net.Socket().setNoDelay(true);
  sock.connect({ host: sshd.host, port: sshd.port });
  return new Promise((resolve, reject) => {
    client.once('ready', () => resolve(client)).once('error', reject);
    client.connect({ sock, username: user, privateKey: sshd.clientKey.privateKey, hostVerifier: () => true });
  });
}

let execSeq = 0;
/** One exec of the fast composite script; sshd runs it with the account's login shell (-c). */
function execPoll(P, client) {
  return new Promise((resolve, reject) => {
    const prefix = P.compositeMarkerPrefix('exec', ++execSeq);
    client.exec(P.buildCompositeScript(P.FAST_SECTIONS, prefix), (err, ch) => {
      if (err) return reject(err);
      let text = '';
      ch.on('data', (c) => (text += c));
      ch.stderr.resume();
      ch.on('close', () => (P.findCompositeEnd(text, prefix) > 0 ? resolve() : reject(new Error('exec: no end marker'))));
    });
  });
}

async function sshModes(P, sshd, account, { polls, connPolls, execPolls }, out) {
  const listener = Number(fs.readFileSync(`${sshd.dir}/sshd.pid`, 'utf8'));
  const hostKeys = new P.MemoryHostKeyStore();
  hostKeys.trust(sshd.host, sshd.port, sshd.hostKeyBlob());
  const credentials = { username: account.user, privateKey: sshd.clientKey.privateKey };
  const connection = (residentAwk) => new P.SshConnection({ host: sshd.host, port: sshd.port, credentials, hostKeys, residentAwk });
  const cpu = () => treeTicks(listener);
  const measureSsh = async (mode, n, poll) => (await settle(listener), out.push(await measure(label(mode), n, poll, cpu, logins)));
  const logins = () => sshd.countAccepted();
  const label = (mode) => `${mode} (${account.label})`;

  // (1) OpsDeck: persistent connection, its shell turned into a resident awk (the default);
  // then script mode, what OpsDeck does on a host without awk (one awk per poll).
  for (const [mode, residentAwk] of [['OpsDeck: resident awk', true], ['OpsDeck script mode: persistent shell, awk per poll', false]]) {
    const persistent = connection(residentAwk);
    for (let i = 0; i < 5; i++) await persistent.poll(P.FAST_SECTIONS, 15_000);
    await measureSsh(mode, polls, () => persistent.poll(P.FAST_SECTIONS, 5_000));
    await persistent.close();
  }

  // (2) A new connection per poll, as `ssh host script` tools do: login, one exec, logout.
  await measureSsh('new connection per poll', connPolls, async () => {
    const c = await login(sshd, account.user);
    await execPoll(P, c);
    c.end();
  });

  // (3) One login, one exec per poll (sshd starts the user's login shell with -c).
  const client = await login(sshd, account.user);
  await execPoll(P, client);
  await measureSsh('one exec per poll', execPolls, () => execPoll(P, client));
  client.end();
}

export async function runRealSshd(P, polls) {
  const sshd = await P.startSshd();
  const plain = createPlainUser(sshd.dir);
  const shell = (() => {
    try {
      return execFileSync('getent', ['passwd', sshd.user], { encoding: 'utf8' }).trim().split(':').at(-1);
    } catch {
      return '?';
    }
  })();
  const out = [];
  // Interrupted (Ctrl-C, timeout): still stop sshd and remove the account.
  const onSignal = () => {
    try {
      process.kill(Number(fs.readFileSync(`${sshd.dir}/sshd.pid`, 'utf8')));
    } catch {}
    try {
      plain?.remove();
    } catch {}
    process.exit(130);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    if (plain) await sshModes(P, sshd, { user: plain.name, label: 'user with /bin/sh, no rc files' }, { polls, connPolls: Math.max(20, Math.round(polls / 3)), execPolls: polls }, out);
    // This machine's own account: its login shell and rc files run for every new session.
    await sshModes(P, sshd, { user: sshd.user, label: `${sshd.user}, ${shell} + this machine's rc files` }, { polls, connPolls: 5, execPolls: 5 }, out);

    // (4) node_exporter: default collectors, then only the collectors for the same data.
    const sameData = ['--collector.disable-defaults', '--collector.cpu', '--collector.meminfo', '--collector.loadavg', '--collector.diskstats', '--collector.netdev', '--collector.stat', '--collector.time'];
    for (const [label, args] of [['node_exporter scrape (default collectors)', []], ['node_exporter scrape (same data only)', sameData]]) {
      const ne = await startNodeExporter(args);
      for (let i = 0; i < 5; i++) await ne.scrape();
      const r = await measure(label, polls, ne.scrape, () => ({ total: procStat(ne.child.pid).ticks, shell: 0 }), () => 0);
      r.logins = null;
      out.push(r);
      ne.stop();
    }
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await sshd.stop();
    plain?.remove();
  }
  return out;
}

// A worker process holding part of the simulated fleet: one ssh2 Server per host, each on its
// own loopback port with its own ed25519 host key (as a real fleet: one sshd per host). Logins
// are checked like sshd does (the client's public key, then its signature). `exec('/bin/sh')`
// gets a FakeShell over moving /proc content; any other exec runs its command as one script.
// Messages from run.mjs: {start}, {drop} (destroy every TCP socket at once), {mark} (start of a
// measurement window: resets the loop-lag histogram), {stats}, {stop}.
// The workers run at nice 10, so on a busy machine the engine side (nice 0) is served first; the
// stats say whether they still kept up (requests answered, their own event-loop lag).
import { execSync } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ssh2 from 'ssh2';
import { FakeProcfs, loadTemplates } from './fake-procfs.mjs';
import { FakeShell } from './fake-shell.mjs';

const sockets = new Set();
const servers = [];
const hs = { inFlight: 0, peakTotal: 0, peakPerHost: 0, logins: 0 };
// Resident-awk request lines answered (each one poll of one host), for "did the fakes keep up".
const answered = { requests: 0 };
const FAKE_NICE = 10;
const eld = monitorEventLoopDelay({ resolution: 10 });

// The slow cadence's commands, answered with what they print on this machine.
function captureCommands() {
  const run = (cmd) => {
    try {
      return execSync(cmd, { encoding: 'utf8', shell: '/bin/sh', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (err) {
      return err.stdout ?? '';
    }
  };
  const cmds = ['df -kPTl 2>/dev/null || df -kPT', 'ps -eo pid=,pcpu=,pmem=,comm= --sort=-pcpu', 'uname -snrm', 'cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release'];
  return Object.fromEntries(cmds.map((c) => [c, { out: run(c), forks: 1 }]));
}

/** ssh2 1.17's generator now and then emits an ed25519 key its own parser rejects: draw again. */
export function generateKey() {
  for (;;) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    if (!(ssh2.utils.parseKey(pair.private) instanceof Error)) return pair;
  }
}

function startHost(index, opts, templates, commands, clientKey) {
  const procfs = new FakeProcfs(templates[index % templates.length], index + 1);
  const hostKey = generateKey().private;
  const mine = { inFlight: 0 };
  const server = new ssh2.Server({ hostKeys: [hostKey] }, (client) => {
    let handshaking = true;
    const done = () => {
      if (!handshaking) return;
      handshaking = false;
      hs.inFlight--;
      mine.inFlight--;
    };
    hs.inFlight++;
    mine.inFlight++;
    hs.peakTotal = Math.max(hs.peakTotal, hs.inFlight);
    hs.peakPerHost = Math.max(hs.peakPerHost, mine.inFlight);
    client.on('authentication', (ctx) => {
      const k = ctx.key;
      if (ctx.method !== 'publickey' || k.algo !== clientKey.type || !k.data.equals(clientKey.getPublicSSH())) return ctx.reject(['publickey']);
      if (!ctx.signature) return ctx.accept(); // "this key would do": the client signs next
      if (clientKey.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) return ctx.reject(['publickey']);
      ctx.accept();
    });
    client.on('ready', () => {
      done();
      hs.logins++;
      client.on('session', (accept) => {
        const session = accept();
        let stream = null;
        session.on('signal', () => stream?.close());
        session.on('exec', (acceptExec, _reject, info) => {
          stream = acceptExec();
          const shell = new FakeShell(procfs, commands, answered);
          const write = ({ out, err }) => {
            if (out) stream.write(out);
            if (err) stream.stderr.write(err);
          };
          if (info.command !== '/bin/sh') {
            procfs.fork(); // sshd runs the login shell with -c
            write(shell.feed(`${info.command}\n`));
            stream.exit(0);
            return stream.end();
          }
          procfs.fork();
          stream.on('data', (chunk) => write(shell.feed(chunk.toString('utf8'))));
          stream.on('end', () => {
            stream.exit(0);
            stream.end();
          });
        });
      });
    });
    client.on('close', done);
    client.on('error', () => undefined);
  });
  const listener = net.createServer((sock) => {
    sock.setNoDelay(true);
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    server.injectSocket(sock);
  });
  servers.push(listener);
  return new Promise((resolve) => listener.listen(0, '127.0.0.1', () => resolve(listener.address().port)));
}

// Only as a forked worker (run.mjs also imports generateKey from here), never outliving run.mjs.
if (process.send) process.on('disconnect', () => process.exit(0));
if (process.send) process.on('message', async (msg) => {
  if (msg.type === 'start') {
    os.setPriority(FAKE_NICE);
    eld.enable();
    const templates = loadTemplates(msg.fixturesDir);
    const commands = captureCommands();
    const clientKey = ssh2.utils.parseKey(msg.clientPublicKey);
    const ports = [];
    for (let i = 0; i < msg.count; i++) ports.push(await startHost(msg.firstIndex + i, msg, templates, commands, clientKey));
    process.send({ type: 'started', ports });
  } else if (msg.type === 'drop') {
    const n = sockets.size;
    for (const s of sockets) s.destroy();
    process.send({ type: 'dropped', sockets: n });
  } else if (msg.type === 'reset') {
    hs.peakTotal = hs.peakPerHost = 0;
    process.send({ type: 'reset' });
  } else if (msg.type === 'mark') {
    eld.reset();
    process.send({ type: 'marked' });
  } else if (msg.type === 'stats') {
    const cpu = process.cpuUsage();
    const lagP99Ms = eld.count ? eld.percentile(99) / 1e6 - 10 : 0;
    process.send({ type: 'stats', cpuMs: (cpu.user + cpu.system) / 1000, handshakesPeak: hs.peakTotal, handshakesPeakPerHost: hs.peakPerHost, logins: hs.logins, sockets: sockets.size, answered: answered.requests, lagP99Ms, nice: os.getPriority() });
  } else if (msg.type === 'stop') {
    for (const s of sockets) s.destroy();
    for (const l of servers) l.close();
    process.exit(0);
  }
});

// Realistic, moving /proc for one simulated host: real captures from tests/fixtures/proc as
// the starting point, with every counter advancing at its own per-host rate, so CPU %, disk
// and network rates come out as plausible non-zero values poll after poll.
import fs from 'node:fs';
import path from 'node:path';

const FILES = { '/proc/stat': 'stat', '/proc/meminfo': 'meminfo', '/proc/loadavg': 'loadavg', '/proc/diskstats': 'diskstats', '/proc/net/dev': 'net/dev', '/proc/uptime': 'uptime' };
// Three kernels: a Debian 12 VM (6.18, 2 CPUs), an Ubuntu 22.04 laptop (5.15, 8 CPUs), RHEL 5 (2.6.18).
const KINDS = ['debian12-kernel6.18-vm', 'ubuntu22.04-laptop-kernel5.15', 'rhel5-kernel2.6.18'];

export function loadTemplates(fixturesDir) {
  return KINDS.map((kind) => Object.fromEntries(Object.entries(FILES).map(([p, f]) => [p, fs.readFileSync(path.join(fixturesDir, kind, f), 'utf8')])));
}

const nums = (s) => s.trim().split(/\s+/).map(Number);

export class FakeProcfs {
  constructor(template, seed) {
    this.t = template;
    this.started = Date.now();
    this.forks = 0;
    const r = (lo, hi) => lo + ((Math.sin(seed * 9301 + lo * 49297 + hi) + 1) / 2) * (hi - lo);
    this.busy = r(0.03, 0.6); // share of each CPU that is busy
    this.diskRate = r(1, 200); // I/Os per second
    this.netRate = r(1e3, 5e6); // bytes per second
    this.phase = r(0, 6.28);
  }

  /** Counts one process started by the script, so the `processes` line moves like a real host. */
  fork(n = 1) {
    this.forks += n;
  }

  read(file) {
    const text = this.t[file];
    if (text === undefined) return null;
    const s = (Date.now() - this.started) / 1000;
    switch (file) {
      case '/proc/stat': return this.stat(text, s);
      case '/proc/meminfo': return text.replace(/^(MemFree|MemAvailable|Cached):(\s+)(\d+)/gm, (_m, k, sp, v) => `${k}:${sp}${Math.round(Number(v) * (0.9 + 0.05 * Math.sin(s / 30 + this.phase)))}`);
      case '/proc/loadavg': {
        const f = text.trim().split(/\s+/);
        const l = (this.busy * 2 * (1 + 0.2 * Math.sin(s / 20 + this.phase))).toFixed(2);
        return `${l} ${f[1]} ${f[2]} ${f[3]} ${Number(f[4]) + this.forks}\n`;
      }
      case '/proc/diskstats': return this.diskstats(text, s);
      case '/proc/net/dev': return this.netDev(text, s);
      case '/proc/uptime': {
        const [up, idle] = nums(text);
        return `${(up + s).toFixed(2)} ${(idle + s * (1 - this.busy)).toFixed(2)}\n`;
      }
      default: return text;
    }
  }

  stat(text, s) {
    const lines = text.split('\n');
    const perCpu = lines.filter((l) => /^cpu\d/.test(l)).length || 1;
    const add = (v, share) => Math.round(v + s * 100 * share); // USER_HZ = 100
    // user, nice, system, idle, iowait, irq, softirq, steal (guest columns stay).
    const shares = [this.busy * 0.7, 0, this.busy * 0.25, 1 - this.busy - 0.01, 0.01, 0, this.busy * 0.05, 0];
    return lines.map((l) => {
      const m = /^(cpu\d*)\s+(.*)$/.exec(l);
      if (m) {
        const k = m[1] === 'cpu' ? perCpu : 1;
        return `${m[1]}${m[1] === 'cpu' ? '  ' : ' '}${nums(m[2]).map((v, i) => add(v, (shares[i] ?? 0) * k)).join(' ')}`;
      }
      if (/^(intr|ctxt|softirq) /.test(l)) return l.replace(/^(\w+) (\d+)/, (_x, k, v) => `${k} ${add(Number(v), 10 * perCpu)}`);
      if (l.startsWith('processes ')) return `processes ${Number(l.slice(10)) + this.forks}`;
      return l;
    }).join('\n');
  }

  diskstats(text, s) {
    const d = this.diskRate * s;
    // reads, merged, sectors, ms, writes, merged, sectors, ms, in flight, io ms, weighted ms
    const growth = [d, d * 0.1, d * 16, d * 0.5, d * 0.6, d * 0.2, d * 20, d * 0.8, 0, d * 0.4, d * 1.3];
    return text.split('\n').map((l) => {
      const f = l.trim().split(/\s+/);
      if (f.length < 7 || f.slice(3).every((v) => v === '0')) return l;
      const counters = f.slice(3).map((v, i) => (f.length >= 14 ? Math.round(Number(v) + (growth[i] ?? 0)) : Math.round(Number(v) + (i < 4 ? d * [1, 8, 0.6, 12][i] : 0))));
      return `${f[0].padStart(4)} ${f[1].padStart(7)} ${f[2]} ${counters.join(' ')}`;
    }).join('\n');
  }

  netDev(text, s) {
    return text.split('\n').map((l) => {
      const at = l.indexOf(':');
      if (at < 0 || l.includes('|')) return l;
      const name = l.slice(0, at).trim();
      const v = nums(l.slice(at + 1));
      if (v.length < 16 || v[0] === 0) return l;
      const rate = name === 'lo' ? 2e3 : this.netRate;
      v[0] = Math.round(v[0] + rate * s);
      v[1] = Math.round(v[1] + (rate * s) / 900);
      v[8] = Math.round(v[8] + rate * 0.3 * s);
      v[9] = Math.round(v[9] + (rate * 0.3 * s) / 600);
      return `${name.padStart(6)}: ${v.join(' ')}`;
    }).join('\n');
  }
}

// The /proc parsers, composite splitter and procMetrics exactly as they were before issue 15's
// allocation-light rewrite (main at c7029a2). The oracle for same-as-previous.test.ts and the
// "before" side of tests/bench/fleet/parse-cost.mjs; never imported by src.
import { emptyHostMetrics, type HostMetrics } from '../../../../src/shared/model';
import { cpuPercentages, sumRatePerSecond } from '../../../../src/main/engine/parsers/counters';
// The result types are today's: the old code must produce exactly their shapes.
import type { DiskCounters } from '../../../../src/main/engine/parsers/diskstats';
import type { LoadAvg } from '../../../../src/main/engine/parsers/loadavg';
import type { MemInfo, MemoryUsage } from '../../../../src/main/engine/parsers/meminfo';
import type { NetCounters } from '../../../../src/main/engine/parsers/net-dev';
import type { ProcReading, ProcTexts } from '../../../../src/main/engine/parsers/proc-metrics';
import type { CompositeParse } from '../../../../src/main/engine/parsers/composite-sections';
import type { CpuTimes, ProcStat } from '../../../../src/main/engine/parsers/proc-stat';
import type { Uptime } from '../../../../src/main/engine/parsers/uptime';

// ---- numbers.ts
// Number parsing shared by the /proc and df parsers. Kernel counters are unsigned decimal
// integers; anything else (signs, exponents, hex, overflow to Infinity) is rejected, so a
// garbled line becomes null instead of a plausible-looking wrong value.

const UNSIGNED_DECIMAL = /^\d{1,20}(\.\d{1,20})?$/;

/** A non-negative integer counter, or null when the token is not one. */
export function parseCounter(token: string | undefined): number | null {
  // 1 to 20 ASCII digits (always a finite Number); a char loop, as every poll parses hundreds.
  if (token === undefined || token.length === 0 || token.length > 20) return null;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return Number(token);
}

/** A non-negative decimal such as a load average or an uptime in seconds. */
export function parseDecimal(token: string | undefined): number | null {
  if (token === undefined || !UNSIGNED_DECIMAL.test(token)) return null;
  const value = Number(token);
  return Number.isFinite(value) ? value : null;
}

/** Splits a line on runs of spaces and tabs, dropping empty tokens. */
export function fields(line: string): string[] {
  // A scan instead of split(/[ \t]+/): the regex split was the largest parser cost per poll.
  // After trim() the text starts and ends with a token, so no empty token is pushed.
  const trimmed = line.trim();
  const out: string[] = [];
  if (trimmed === '') return out;
  let start = 0;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i);
    if (c !== 32 && c !== 9) continue;
    if (i > start) out.push(trimmed.slice(start, i));
    start = i + 1;
  }
  out.push(trimmed.slice(start));
  return out;
}

/** Keeps a percentage inside 0..100 (rounding of independently read counters can overshoot). */
export function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}

// ---- diskstats.ts
// /proc/diskstats: one line per block device. Disk throughput is summed over whole physical
// disks only, so that one byte written is counted once:
// - partitions (sda1, nvme0n1p1, mmcblk0p2) are skipped when their disk is listed too; a
//   partition whose disk is absent (Xen guests that only see xvda1) counts as the disk;
// - stacked devices (dm-* for LVM/LUKS, md* for software RAID) are skipped: their I/O is
//   already counted on the disks below them;
// - memory- and file-backed devices (loop, ram, zram) and floppies (fd) are skipped.
// Sectors here are always 512 bytes, whatever the device's real sector size.



const SECTOR_BYTES = 512;
const NOT_A_DISK = /^(loop|ram|zram|fd|dm-|md)\d+(p\d+)?$/;

function parseLine(line: string): DiskCounters | null {
  const [major, minor, name, ...stats] = fields(line);
  if (name === undefined || parseCounter(major) === null || parseCounter(minor) === null) return null;
  const n: number[] = [];
  for (const token of stats) {
    const value = parseCounter(token);
    if (value === null) return null;
    n.push(value);
  }
  const at = (i: number): number => n[i] ?? 0;
  if (n.length === 4) {
    // Partition lines before 2.6.25: reads, sectors read, writes, sectors written.
    return {
      name,
      readsCompleted: at(0),
      readBytes: at(1) * SECTOR_BYTES,
      writesCompleted: at(2),
      writeBytes: at(3) * SECTOR_BYTES,
      ioTimeMs: null,
    };
  }
  // 11 fields before 4.18, 15 with discards, 17 with flushes (5.5); the first 11 never moved.
  if (n.length < 11) return null;
  return {
    name,
    readsCompleted: at(0),
    readBytes: at(2) * SECTOR_BYTES,
    writesCompleted: at(4),
    writeBytes: at(6) * SECTOR_BYTES,
    ioTimeMs: at(9),
  };
}

/** The disk a partition belongs to, by the kernel's naming rules, or null. */
function parentDisk(name: string, listed: ReadonlySet<string>): string | null {
  // nvme0n1p1, mmcblk0p1, nbd0p1: a "p" separates the number of a disk ending in a digit.
  const afterDigit = /^(.*\d)p\d+$/.exec(name)?.[1];
  if (afterDigit && listed.has(afterDigit)) return afterDigit;
  // sda1, vdb2, xvda1, hda3, dasda1: trailing digits after the disk's letters.
  const trimmed = /^(.*\D)\d+$/.exec(name)?.[1];
  if (trimmed && listed.has(trimmed)) return trimmed;
  return null;
}

export function isWholePhysicalDisk(name: string, listed: ReadonlySet<string>): boolean {
  return !NOT_A_DISK.test(name) && parentDisk(name, listed) === null;
}

/** Counters of the whole physical disks, or null when no line could be read. */
export function parseDiskstats(text: string): DiskCounters[] | null {
  const all: DiskCounters[] = [];
  for (const line of text.split('\n')) {
    const counters = parseLine(line);
    if (counters) all.push(counters);
  }
  if (all.length === 0) return null;
  const listed = new Set(all.map((d) => d.name));
  return all.filter((d) => isWholePhysicalDisk(d.name, listed));
}

// ---- net-dev.ts
// /proc/net/dev: two header lines, then "  eth0: rx(8 columns) tx(8 columns)". Old kernels
// glue large numbers to the colon ("eth0:1234"), so the name is cut at the colon, not at a
// space. Loopback is skipped: its traffic never leaves the host.



// Container and VM plumbing: a packet to a container crosses its veth, the bridge and the
// uplink, so summing them would count it three times. Bonds, VLANs and user bridges cannot
// be told apart by name alone and are still summed.
const VIRTUAL_SWITCHING = /^(veth|docker\d|br-|virbr|lxcbr|lxdbr|cni|flannel|cali|vxlan\.calico|ifb|vnet|kube-)/;

/** Whether an interface's traffic belongs in the host's total (see VIRTUAL_SWITCHING). */
export function countsTowardHostTraffic(name: string): boolean {
  return name !== 'lo' && !VIRTUAL_SWITCHING.test(name);
}

/** Every interface except lo, or null when no interface line could be read. */
export function parseNetDev(text: string): NetCounters[] | null {
  const interfaces: NetCounters[] = [];
  let sawInterface = false;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    if (name.length === 0 || /\s|\|/.test(name)) continue;
    const n = fields(line.slice(colon + 1)).map(parseCounter);
    if (n.length < 16 || n.some((v) => v === null)) continue;
    sawInterface = true;
    if (name === 'lo') continue;
    const at = (i: number): number => n[i] ?? 0;
    interfaces.push({
      name,
      rxBytes: at(0),
      rxPackets: at(1),
      rxErrors: at(2),
      rxDropped: at(3),
      txBytes: at(8),
      txPackets: at(9),
      txErrors: at(10),
      txDropped: at(11),
    });
  }
  return sawInterface ? interfaces : null;
}

// ---- proc-stat.ts
// /proc/stat: CPU time counters (in USER_HZ ticks), the per-cpu count and the fork counter.
// Column count depends on the kernel: 4 before 2.5.41, 7 with iowait/irq/softirq, 8 with
// steal (2.6.11), 9 with guest (2.6.24), 10 with guest_nice (2.6.33). Columns the kernel
// does not report are null, so a consumer can tell "no such counter" from "zero".




const WANTED_LABEL = /^\s*(cpu\d*|processes|procs_running|procs_blocked|btime)[ \t]/;

// A per-CPU line that parseCpuTimes would accept (a label, then at least 4 counters). Those are
// only counted, so a test replaces splitting and parsing up to hundreds of them every poll.
const VALID_CPU_N_LINE = /^\s*cpu\d+(?:[ \t]+\d{1,20}){4,}\s*$/;

const OPTIONAL_COLUMNS = ['iowait', 'irq', 'softirq', 'steal', 'guest', 'guestNice'] as const;

/** Parses the counters after a `cpu` or `cpuN` label; null unless at least 4 are valid. */
export function parseCpuTimes(values: string[]): CpuTimes | null {
  const numbers: number[] = [];
  for (const token of values) {
    const n = parseCounter(token);
    if (n === null) return null;
    numbers.push(n);
  }
  const [user, nice, system, idle] = numbers;
  if (user === undefined || nice === undefined || system === undefined || idle === undefined) return null;
  const times: CpuTimes = {
    user,
    nice,
    system,
    idle,
    iowait: null,
    irq: null,
    softirq: null,
    steal: null,
    guest: null,
    guestNice: null,
  };
  OPTIONAL_COLUMNS.forEach((key, i) => {
    times[key] = numbers[4 + i] ?? null;
  });
  return times;
}

export function parseProcStat(text: string): ProcStat | null {
  let cpu: CpuTimes | null = null;
  let cpuCount = 0;
  let processes: number | null = null;
  let procsRunning: number | null = null;
  let procsBlocked: number | null = null;
  let bootTime: number | null = null;

  for (const line of text.split('\n')) {
    // `intr` and `softirq` carry thousands of counters on big machines: look at the label
    // before splitting a line.
    if (!WANTED_LABEL.test(line)) continue;
    if (/^\s*cpu\d/.test(line)) {
      if (VALID_CPU_N_LINE.test(line)) cpuCount++;
      continue;
    }
    const [label, ...rest] = fields(line);
    if (label === undefined) continue;
    if (label === 'cpu') cpu = parseCpuTimes(rest);
    else if (label === 'processes') processes = parseCounter(rest[0]);
    else if (label === 'procs_running') procsRunning = parseCounter(rest[0]);
    else if (label === 'procs_blocked') procsBlocked = parseCounter(rest[0]);
    else if (label === 'btime') bootTime = parseCounter(rest[0]);
  }

  if (!cpu) return null;
  return { cpu, cpuCount: cpuCount > 0 ? cpuCount : null, processes, procsRunning, procsBlocked, bootTime };
}

// ---- meminfo.ts
// /proc/meminfo: `Key:   value kB` lines. Only the fields the dashboards need are kept, in
// bytes. MemAvailable exists since Linux 3.14; older kernels get the estimate free(1) used
// before it (MemFree + Buffers + Cached), which overstates what can really be reclaimed.




function readKiloBytes(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const [amount, unit] = fields(line.slice(colon + 1));
    const n = parseCounter(amount);
    if (n === null) continue;
    // HugePages_* lines are page counts without a unit; everything we read is in kB.
    if (unit !== 'kB') continue;
    values.set(line.slice(0, colon).trim(), n * 1024);
  }
  return values;
}

export function parseMeminfo(text: string): MemInfo | null {
  const kb = readKiloBytes(text);
  const total = kb.get('MemTotal');
  if (total === undefined || total <= 0) return null;

  let available = kb.get('MemAvailable');
  const availableFromKernel = available !== undefined;
  if (available === undefined) {
    const free = kb.get('MemFree');
    if (free === undefined) return null;
    available = free + (kb.get('Buffers') ?? 0) + (kb.get('Cached') ?? 0);
  }
  // A reading larger than the total is not a fact about the host; do not report it.
  if (available > total) return null;

  return {
    totalBytes: total,
    availableBytes: available,
    availableFromKernel,
    freeBytes: kb.get('MemFree') ?? null,
    swapTotalBytes: kb.get('SwapTotal') ?? null,
    swapFreeBytes: kb.get('SwapFree') ?? null,
  };
}

/** Memory and swap usage as the dashboards show them: used = total - available. */
export function memoryUsage(info: MemInfo): MemoryUsage {
  const usedBytes = info.totalBytes - info.availableBytes;
  const usage: MemoryUsage = {
    usedPercent: clampPercent((usedBytes / info.totalBytes) * 100),
    usedBytes,
    totalBytes: info.totalBytes,
    swapUsedPercent: null,
    swapUsedBytes: null,
    swapTotalBytes: null,
  };
  const { swapTotalBytes: swapTotal, swapFreeBytes: swapFree } = info;
  if (swapTotal !== null && swapFree !== null && swapFree <= swapTotal) {
    usage.swapTotalBytes = swapTotal;
    usage.swapUsedBytes = swapTotal - swapFree;
    if (swapTotal > 0) usage.swapUsedPercent = clampPercent(((swapTotal - swapFree) / swapTotal) * 100);
  }
  return usage;
}

// ---- loadavg.ts
// /proc/loadavg: "0.65 0.38 0.16 1/88 4615" (1, 5 and 15 minute load, runnable/total
// scheduling entities, last pid). On Linux the load counts tasks in uninterruptible disk
// wait too, so a high load with an idle CPU usually means storage trouble.



export function parseLoadavg(text: string): LoadAvg | null {
  const [one, five, fifteen, entities, lastPid] = fields(text.split('\n')[0] ?? '');
  const load1 = parseDecimal(one);
  const load5 = parseDecimal(five);
  const load15 = parseDecimal(fifteen);
  if (load1 === null || load5 === null || load15 === null) return null;
  const [running, total] = (entities ?? '').split('/');
  return {
    load1,
    load5,
    load15,
    running: parseCounter(running),
    total: parseCounter(total),
    lastPid: parseCounter(lastPid),
  };
}

// ---- uptime.ts
// /proc/uptime: "236.95 346.51" (seconds since boot, idle seconds summed over all CPUs).



export function parseUptime(text: string): Uptime | null {
  const [up, idle] = fields(text.split('\n')[0] ?? '');
  const uptimeSeconds = parseDecimal(up);
  if (uptimeSeconds === null) return null;
  return { uptimeSeconds, idleSeconds: parseDecimal(idle) };
}

// ---- composite-sections.ts
// Output of one composite poll script: sections of raw text, each introduced by a marker line.
// A marker carries the script version, a random per-connection nonce and the poll's sequence
// number, so neither a file's content nor a command's output can forge one, and output left
// over from an earlier poll can never be mistaken for this one.
//
//   \n<prefix>begin\n
//   \n<prefix>S:<name>\n<content>      (repeated; the "\n" before a marker is not content)
//   \n<prefix>end\n
//
// Anything before the begin marker (a banner printed by a login script) is ignored.

export const COMPOSITE_VERSION = 'OPSDECK_SCRIPT_V1';

export function compositeMarkerPrefix(nonce: string, seq: number): string {
  return `##${COMPOSITE_VERSION}:${nonce}:${seq}:`;
}

export function compositeEndMarker(prefix: string): string {
  return `\n${prefix}end\n`;
}

/** Index just past the end marker, or -1 while the output is still incomplete. */
export function findCompositeEnd(output: string, prefix: string, from = 0): number {
  const marker = compositeEndMarker(prefix);
  const at = output.indexOf(marker, Math.max(0, from - marker.length));
  return at < 0 ? -1 : at + marker.length;
}

export function splitCompositeSections(output: string, prefix: string): CompositeParse {
  const begin = `\n${prefix}begin\n`;
  const beginAt = output.indexOf(begin);
  if (beginAt < 0) return { ok: false, reason: 'incomplete', detail: 'no begin marker' };
  const endAt = output.indexOf(compositeEndMarker(prefix), beginAt);
  if (endAt < 0) return { ok: false, reason: 'incomplete', detail: 'no end marker' };

  // Everything between begin and end, split at each "\n<prefix>" (a marker starts a line).
  const body = output.slice(beginAt + begin.length, endAt);
  const parts = body.split(`\n${prefix}`);
  if ((parts[0] ?? '') !== '') return { ok: false, reason: 'garbled', detail: 'output before the first section' };

  const sections = new Map<string, string>();
  for (const part of parts.slice(1)) {
    const newline = part.indexOf('\n');
    const label = newline < 0 ? part : part.slice(0, newline);
    if (!label.startsWith('S:') || label.length <= 2) return { ok: false, reason: 'garbled', detail: `unexpected marker "${label.slice(0, 40)}"` };
    const name = label.slice(2);
    if (sections.has(name)) return { ok: false, reason: 'garbled', detail: `section ${name} twice` };
    sections.set(name, newline < 0 ? '' : part.slice(newline + 1));
  }
  return { ok: true, sections };
}

// ---- proc-metrics.ts
// Fast-cadence host metrics from the raw procfs texts of one poll, for this computer and for
// SSH hosts alike. Each text feeds only its own metrics (a missing or garbled one leaves them
// null). Rates and CPU % come from the difference with the last poll in which the same section
// was readable; the caller keeps the returned baselines and hands them back on the next poll.
// When the boot time moves or uptime goes backwards (a reboot, or the address now points at
// another machine) every baseline is dropped, so a reset never turns into a negative or
// wrap-sized rate: the first interval after it is null, never a fabricated 0.




/** Counters of one poll per device or interface, with the time they were read. */
interface CounterSnapshot<K extends string> {
  ts: number;
  counters: Record<K, ReadonlyMap<string, number>>;
}

type DiskSnapshot = CounterSnapshot<'readBytes' | 'writeBytes' | 'reads' | 'writes'>;
type NetSnapshot = CounterSnapshot<'rx' | 'tx'>;

/** What the next poll is compared with. */
export interface ProcBaselines {
  /** `btime` of /proc/stat: whole seconds since the epoch. */
  bootTime: number | null;
  uptimeSeconds: number | null;
  cpu: CpuTimes | null;
  disk: DiskSnapshot | null;
  net: NetSnapshot | null;
}

export const NO_PROC_BASELINES: ProcBaselines = { bootTime: null, uptimeSeconds: null, cpu: null, disk: null, net: null };

function rate<K extends string>(before: CounterSnapshot<K> | null, now: CounterSnapshot<K>, key: K): number | null {
  return before ? sumRatePerSecond(before.counters[key], now.counters[key], now.ts - before.ts) : null;
}

const parsed = <T>(text: string | null, parser: (s: string) => T | null): T | null => (text === null ? null : parser(text));

/** Metrics of the poll read at `ts`, and the baselines to pass in with the next poll. */
export function procMetrics(texts: ProcTexts, ts: number, before: ProcBaselines): { reading: ProcReading; baselines: ProcBaselines } {
  const metrics = emptyHostMetrics();
  let sectionsRead = 0;

  const stat = parsed(texts.stat, parseProcStat);
  const uptime = parsed(texts.uptime, parseUptime);
  // btime is whole seconds computed from the wall clock, so allow it to wobble by a second.
  const rebooted =
    (stat?.bootTime != null && before.bootTime !== null && Math.abs(stat.bootTime - before.bootTime) > 1) ||
    (uptime !== null && before.uptimeSeconds !== null && uptime.uptimeSeconds < before.uptimeSeconds);
  const prev = rebooted ? NO_PROC_BASELINES : before;
  const after: ProcBaselines = {
    ...prev,
    bootTime: stat?.bootTime ?? before.bootTime,
    uptimeSeconds: uptime?.uptimeSeconds ?? before.uptimeSeconds,
  };

  if (stat) {
    sectionsRead++;
    metrics['cpu.cores'] = stat.cpuCount;
    if (prev.cpu) {
      const cpu = cpuPercentages(prev.cpu, stat.cpu);
      metrics['cpu.usage'] = cpu.usage;
      metrics['cpu.iowait'] = cpu.iowait;
      metrics['cpu.steal'] = cpu.steal;
    }
    after.cpu = stat.cpu;
  }

  const mem = parsed(texts.meminfo, parseMeminfo);
  if (mem) {
    sectionsRead++;
    const usage = memoryUsage(mem);
    metrics['mem.used'] = usage.usedPercent;
    metrics['mem.usedBytes'] = usage.usedBytes;
    metrics['mem.totalBytes'] = usage.totalBytes;
    metrics['swap.used'] = usage.swapUsedPercent;
    metrics['swap.usedBytes'] = usage.swapUsedBytes;
    metrics['swap.totalBytes'] = usage.swapTotalBytes;
  }

  const load = parsed(texts.loadavg, parseLoadavg);
  if (load) {
    sectionsRead++;
    metrics['load.1'] = load.load1;
    metrics['load.5'] = load.load5;
    metrics['load.15'] = load.load15;
    const cores = metrics['cpu.cores'];
    metrics['load.perCore'] = cores ? load.load1 / cores : null;
  }

  const disks = parsed(texts.diskstats, parseDiskstats);
  if (disks) {
    sectionsRead++;
    const now: DiskSnapshot = {
      ts,
      counters: {
        readBytes: new Map(disks.map((d) => [d.name, d.readBytes])),
        writeBytes: new Map(disks.map((d) => [d.name, d.writeBytes])),
        reads: new Map(disks.map((d) => [d.name, d.readsCompleted])),
        writes: new Map(disks.map((d) => [d.name, d.writesCompleted])),
      },
    };
    metrics['disk.readBps'] = rate(prev.disk, now, 'readBytes');
    metrics['disk.writeBps'] = rate(prev.disk, now, 'writeBytes');
    metrics['disk.readIops'] = rate(prev.disk, now, 'reads');
    metrics['disk.writeIops'] = rate(prev.disk, now, 'writes');
    after.disk = now;
  }

  const interfaces = parsed(texts.netDev, parseNetDev);
  if (interfaces) {
    sectionsRead++;
    const counted = interfaces.filter((i) => countsTowardHostTraffic(i.name));
    const now: NetSnapshot = {
      ts,
      counters: { rx: new Map(counted.map((i) => [i.name, i.rxBytes])), tx: new Map(counted.map((i) => [i.name, i.txBytes])) },
    };
    metrics['net.rxBps'] = rate(prev.net, now, 'rx');
    metrics['net.txBps'] = rate(prev.net, now, 'tx');
    after.net = now;
  }

  if (uptime) {
    sectionsRead++;
    metrics.uptime = uptime.uptimeSeconds;
  }

  return { reading: { metrics, sectionsRead, forks: stat?.processes ?? null }, baselines: after };
}

// npm run bench:parse — CPU and heap cost of the fast-cadence
// parsing of one SSH poll, today's code against the previous implementation
// (tests/unit/parsers/reference) in the same process, on the captures in tests/fixtures/proc.
// Reported, not asserted. Without --expose-gc the bytes column is left out.
//   OPSDECK_PARSE_POLLS=20000   polls per parser and side (after a warm-up of the same size)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const polls = Number(process.env.OPSDECK_PARSE_POLLS ?? 20_000);
const only = process.env.OPSDECK_PARSE_ONLY; // one step's name, e.g. for a --cpu-prof run
const SYSTEMS = ['debian12-kernel6.18-vm', 'rhel5-kernel2.6.18', 'ubuntu22.04-laptop-kernel5.15'];
// What the resident awk keeps of stat and meminfo (FAST_SECTIONS in transport/composite-script.ts).
const KEEP = { stat: /^(cpu[0-9]*|processes|procs_running|procs_blocked|btime) /, meminfo: /^(MemTotal|MemFree|MemAvailable|Buffers|Cached|SwapTotal|SwapFree):/ };
const FILES = { stat: 'stat', meminfo: 'meminfo', loadavg: 'loadavg', diskstats: 'diskstats', netDev: 'net/dev', uptime: 'uptime' };

async function loadPieces() {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsdeck-parse-cost-'));
  await build({ root, logLevel: 'warn', configFile: false, build: { ssr: path.join(here, 'parse-pieces.ts'), outDir, emptyOutDir: true, target: 'node22', minify: false, rollupOptions: { output: { format: 'es', entryFileNames: 'parse-pieces.mjs' } } } });
  return import(pathToFileURL(path.join(outDir, 'parse-pieces.mjs')).href);
}

function polledTexts(system) {
  const texts = {};
  for (const [key, file] of Object.entries(FILES)) {
    const raw = fs.readFileSync(path.join(root, 'tests/fixtures/proc', system, file), 'utf8');
    texts[key] = KEEP[key] ? raw.split('\n').filter((l) => KEEP[key].test(l)).join('\n') + '\n' : raw;
  }
  return texts;
}

const SECTION_NAMES = { stat: '/proc/stat', meminfo: '/proc/meminfo', loadavg: '/proc/loadavg', diskstats: '/proc/diskstats', netDev: '/proc/net/dev', uptime: '/proc/uptime' };

/** One poll's answer as the transport hands it over: a flat string with every section behind its marker. */
function compositeOutput(P, texts) {
  const prefix = P.compositeMarkerPrefix('0123456789abcdef', 7);
  const parts = [`\n${prefix}begin\n`];
  for (const [key, name] of Object.entries(SECTION_NAMES)) parts.push(`\n${prefix}S:${name}\n${texts[key]}`);
  parts.push(`\n${prefix}end\n`);
  return { output: parts.join(''), prefix };
}

/** The six texts as the parsers receive them: slices of the composite output. */
function sectionTexts(P, composite) {
  const { sections } = P.splitCompositeSections(composite.output, composite.prefix);
  return Object.fromEntries(Object.entries(SECTION_NAMES).map(([key, name]) => [key, sections.get(name)]));
}

// One "poll" runs the step once for every system, so a number is µs per poll averaged over them.
function steps(P, files) {
  const composite = files.map((t) => compositeOutput(P, t));
  const all = composite.map((c) => sectionTexts(P, c));
  let baselines = all.map(() => P.NO_PROC_BASELINES);
  let ts = 0;
  return {
    'composite split': () => composite.forEach((c) => P.splitCompositeSections(c.output, c.prefix)),
    'proc/stat': () => all.forEach((t) => P.parseProcStat(t.stat)),
    meminfo: () => all.forEach((t) => P.parseMeminfo(t.meminfo)),
    loadavg: () => all.forEach((t) => P.parseLoadavg(t.loadavg)),
    diskstats: () => all.forEach((t) => P.parseDiskstats(t.diskstats)),
    'net/dev': () => all.forEach((t) => P.parseNetDev(t.netDev)),
    uptime: () => all.forEach((t) => P.parseUptime(t.uptime)),
    'procMetrics (all six + rates)': () => {
      ts += 5_000;
      baselines = all.map((t, i) => P.procMetrics(t, ts, baselines[i]).baselines);
    },
  };
}

function time(fn) {
  for (let i = 0; i < polls; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < polls; i++) fn();
  return Number(process.hrtime.bigint() - t0) / 1e3 / polls / SYSTEMS.length;
}

/** Heap bytes one poll allocates: the growth of the used heap over a few polls right after a full GC (median of 7). */
function bytesPerPoll(fn) {
  if (typeof globalThis.gc !== 'function') return NaN;
  const runs = [];
  for (let trial = 0; trial < 7; trial++) {
    globalThis.gc();
    const before = v8.getHeapStatistics().used_heap_size;
    for (let i = 0; i < 50; i++) fn();
    runs.push((v8.getHeapStatistics().used_heap_size - before) / 50 / SYSTEMS.length);
  }
  return runs.sort((a, b) => a - b)[3];
}

const pieces = await loadPieces();
const files = SYSTEMS.map(polledTexts);
const sides = { previous: steps(pieces.previous, files), current: steps(pieces.current, files) };
console.log(`µs per poll (mean over ${SYSTEMS.join(', ')}; ${polls} polls after as many warm-up; node ${process.version}, load ${os.loadavg()[0].toFixed(2)})`);
const kb = (bytes) => (Number.isNaN(bytes) ? '' : (bytes / 1024).toFixed(2));
console.log(`${'step'.padEnd(32)}${'µs before'.padStart(10)}${'µs now'.padStart(10)}${'ratio'.padStart(8)}${'KiB before'.padStart(12)}${'KiB now'.padStart(10)}`);
const totals = { before: 0, after: 0, bytesBefore: 0, bytesAfter: 0 };
const row = (name, before, after, bytesBefore, bytesAfter) =>
  console.log(`${name.padEnd(32)}${before.toFixed(2).padStart(10)}${after.toFixed(2).padStart(10)}${(before / after).toFixed(2).padStart(8)}${kb(bytesBefore).padStart(12)}${kb(bytesAfter).padStart(10)}`);
for (const name of Object.keys(sides.current).filter((n) => !only || n === only)) {
  // Alternate the sides so a noisy neighbour on the machine hits both alike.
  const before = time(sides.previous[name]);
  const after = time(sides.current[name]);
  const bytesBefore = bytesPerPoll(sides.previous[name]);
  const bytesAfter = bytesPerPoll(sides.current[name]);
  if (name === 'composite split' || name.startsWith('procMetrics')) {
    totals.before += before;
    totals.after += after;
    totals.bytesBefore += bytesBefore;
    totals.bytesAfter += bytesAfter;
  }
  row(name, before, after, bytesBefore, bytesAfter);
}
if (!only) row('poll total (split + procMetrics)', totals.before, totals.after, totals.bytesBefore, totals.bytesAfter);

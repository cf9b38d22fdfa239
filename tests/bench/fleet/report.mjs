// Markdown tables for stdout (and for docs/bench-fleet.md).
const f = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));
const ratio = (a, b) => (a === null || b === null || !b ? 'n/a' : `${(a / b).toFixed(1)}x`);

function table(head, rows) {
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

export function printReal(rows) {
  console.log('\nB. Per poll against the real sshd (fast cadence: stat, meminfo, loadavg, diskstats, net/dev, uptime)\n');
  table(
    ['mode', 'latency p50 ms', 'p95 ms', 'remote CPU ms/poll', 'of which in the live shell + children', 'system-wide minus client ms/poll', 'client CPU ms/poll', 'new processes/poll (median; mean)', 'SSH logins'],
    rows.map((r) => [r.label, f(r.p50, 2), f(r.p95, 2), f(r.remoteCpuMs, 2), /persistent|resident/.test(r.label) ? f(r.shellCpuMs, 2) : '-', f(r.systemMinusClientMs, 2), f(r.clientCpuMs, 2), `${r.forksMedian}; ${f(r.forksMean, 2)}`, r.logins === null ? '-' : `${r.logins} in ${r.polls} polls`]),
  );
  // Each OpsDeck row against the other ways of the same account, and the first against node_exporter.
  console.log('');
  const ops = rows.filter((r) => r.label.startsWith('OpsDeck'));
  for (const o of ops) {
    const account = o.label.slice(o.label.indexOf('('));
    for (const r of rows.filter((x) => x !== o && x.label.endsWith(account))) console.log(`- ${o.label} vs ${r.label}: remote CPU ${ratio(o.remoteCpuMs, r.remoteCpuMs)}, latency p50 ${ratio(o.p50, r.p50)}`);
  }
  for (const r of rows.filter((x) => x.label.startsWith('node_exporter'))) console.log(`- ${ops[0].label} vs ${r.label}: remote CPU ${ratio(ops[0].remoteCpuMs, r.remoteCpuMs)}, latency p50 ${ratio(ops[0].p50, r.p50)}`);
}

export function printFleet(rows, storm, intervalMs) {
  console.log(`\nA. Simulated fleet, every host polled every ${intervalMs / 1000} s (floor = bare ssh2 shells, output dropped)\n`);
  table(
    ['hosts', 'side', 'CPU % of one core (kernel %)', 'of which store % (latest snapshots %)', 'longest store flush ms', 'RSS MB (peak)', 'poll p50 / p95 / p99 ms', 'event-loop lag p99 ms', 'poll start late p99 / max ms', 'starts > 1 interval late; hosts not polled', 'polls/s (failed)', 'logins in window', 'fakes: answered / expected, lag p99 ms, CPU %', 'fakes kept up'],
    rows.map((r) => {
      const engine = r.mode === 'engine';
      const k = r.fakes;
      return [r.connected < r.n ? `${r.n} (${r.connected} logged in)` : r.n, r.mode, `${f(r.cpuPct)} (${f(r.sysPct)})`, engine ? `${f(r.storeCpuPct)} (${f(r.snapshotCpuPct)})` : '-', engine ? f(r.storeMaxMs, 0) : '-', f(r.rssMb, 0), `${f(r.p50)} / ${f(r.p95)} / ${f(r.p99)}`, f(r.eldP99), `${f(r.lateP99)} / ${f(r.lateMax, 0)}`, `${r.skipped}; ${r.hostsWithoutPoll}`, `${f(r.pollsPerSec)} (${r.failed})`, r.newLogins, `${k.answered} / ${f(k.expected, 0)}, ${f(k.lagP99Ms)}, ${f(k.cpuPct, 0)}`, k.keptUp ? 'yes' : 'NO'];
    }),
  );
  console.log('\nEngine against the floor (same run):\n');
  const byN = new Map();
  for (const r of rows) byN.set(r.n, { ...byN.get(r.n), [r.mode]: r });
  table(
    ['hosts', 'engine CPU %', 'floor CPU %', 'ratio', 'engine RSS MB', 'longest store flush ms', 'engine loop lag p99 ms', 'engine late p99 ms; > 1 interval; not polled', 'floor kept up', 'fakes kept up (engine run)'],
    [...byN].map(([n, { floor, engine }]) => [n, f(engine?.cpuPct), f(floor?.cpuPct), ratio(engine?.cpuPct, floor?.cpuPct), f(engine?.rssMb, 0), f(engine?.storeMaxMs, 0), f(engine?.eldP99), engine ? `${f(engine.lateP99)}; ${engine.skipped}; ${engine.hostsWithoutPoll}` : 'n/a', floor ? (floor.fakes.keptUp && floor.skipped === 0 && floor.hostsWithoutPoll === 0 ? 'yes' : 'NO') : 'n/a', engine ? (engine.fakes.keptUp ? 'yes' : 'NO') : 'n/a']),
  );

  console.log('\nMemory after the window (after a full GC): live V8 heap, heap held, outside the heap (Buffers, SQLite, crypto), RSS\n');
  table(['hosts', 'side', 'live heap MB', 'heap total MB', 'external MB', 'RSS after GC MB', 'peak RSS MB'], rows.map((r) => [r.n, r.mode, f(r.liveHeapMb, 0), f(r.heapTotalMb, 0), f(r.externalMb, 0), f(r.rssAfterGcMb, 0), f(r.rssMb, 0)]));

  const engines = rows.filter((r) => r.mode === 'engine');
  if (engines.length > 0) {
    console.log('\nWhat held the engine\'s loop longest in the window: the store (one sample write transaction; anything else: ingest, flush, a snapshot write) and GC pauses (a pause inside a write counts there too)\n');
    table(['hosts', 'longest sample write ms', 'longest other store block ms', 'longest GC pause ms', 'GC pauses total ms'], engines.map((r) => [r.n, f(r.sampleWriteMaxMs), f(r.otherStoreMaxMs), f(r.gcMaxMs), f(r.gcTotalMs, 0)]));
  }

  console.log('\nCPU % of one core by thread in the window (main: JavaScript and SQLite; other node threads: V8 GC and compiler workers; libuv pool)\n');
  const threadName = (t) => t.replace(/^libuv-worker$/, 'libuv pool');
  const threadRows = rows.map((r) => {
    const by = new Map();
    for (const [t, pct] of Object.entries(r.threads ?? {})) by.set(threadName(t), (by.get(threadName(t)) ?? 0) + pct);
    return { r, by };
  });
  const names = [...new Set(threadRows.flatMap(({ by }) => [...by.keys()]))].sort((a, b) => (a === 'main' ? -1 : b === 'main' ? 1 : a.localeCompare(b)));
  table(['hosts', 'side', ...names], threadRows.map(({ r, by }) => [r.n, r.mode, ...names.map((t) => f(by.get(t) ?? 0))]));

  const drops = [
    ...rows.filter((r) => r.drop).map((r) => ({ label: `${r.n} hosts, one sshd each`, d: r.drop })),
    ...(storm ? [{ label: `${storm.n} connections to one sshd`, d: storm.drop }] : []),
  ];
  if (drops.length === 0) return;
  console.log('\nAll connections dropped at once (server-side sockets destroyed):\n');
  table(
    ['fleet', 'sockets dropped', 'hosts back', 'all back s', 'median back s', 'peak handshakes per target (engine)', 'peak handshakes, all targets', 'peak per sshd (server side)', 'new logins', 'event-loop lag p99 ms'],
    drops.map(({ label, d }) => [label, d.sockets, `${d.back}/${d.hosts}`, d.allBackMs === null ? 'not all' : f(d.allBackMs / 1000), f(d.p50BackMs / 1000), d.peakHandshakesPerTarget, d.peakHandshakesAll, d.serverPeakHandshakesPerHost, d.newLogins, f(d.eldP99)]),
  );
}

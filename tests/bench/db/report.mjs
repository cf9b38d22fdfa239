// Markdown tables for stdout (and for docs/bench-db.md).
const f = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));
const ratio = (a, b) => (a === null || b === null || a === undefined || b === undefined || !b ? 'n/a' : `${(a / b).toFixed(1)}x`);

function table(head, rows) {
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

/** Part A for one server: each tool's fast, slow and average poll, and the ratio to OpsDeck's. */
export function printServerCost(title, rows, { hasPlan }) {
  console.log(`\n${title}\n`);
  const ops = rows[0].s;
  const time = (p) => `${f(p.serverMsMedian, 3)} (${f(p.serverMs, 3)}; ${f(p.serverMsMax, 3)})`;
  table(
    ['tool (role)', 'polls fast/slow', 'statements per fast / slow poll', `server ms per fast poll${hasPlan ? ', exec + planning' : ''}: median (mean; max)`, 'per slow poll: median (mean; max)', ...(hasPlan ? ['of which planning, fast / slow (mean)'] : []), 'vs OpsDeck: statements, ms fast, ms slow (medians)'],
    rows.map(({ label, role, s }) => [
      `${label} (${role})`,
      `${s.fast.n}/${s.slow.n}`,
      `${f(s.fast.statements, 1)} / ${f(s.slow.statements, 1)}`,
      time(s.fast),
      time(s.slow),
      ...(hasPlan ? [`${f(s.fast.planMs, 3)} / ${f(s.slow.planMs, 3)}`] : []),
      s === ops ? '1.0x' : `${ratio(s.fast.statements, ops.fast.statements)}, ${ratio(s.fast.serverMsMedian, ops.fast.serverMsMedian)}, ${ratio(s.slow.serverMsMedian, ops.slow.serverMsMedian)}`,
    ]),
  );
  console.log('');
  table(
    ['tool', 'server thread CPU ms per fast / slow poll', 'its run-queue wait ms per poll', 'longest single statement ms', 'client wall ms per poll', 'client CPU ms per poll (node driver)'],
    rows.map(({ label, s, maxStatementMs }) => [label, `${f(s.fast.serverCpuMs, 3)} / ${f(s.slow.serverCpuMs, 3)}`, f(s.all.runQueueMs, 2), f(maxStatementMs, 3), f(s.all.wallMs, 1), f(s.all.clientCpuMs, 2)]),
  );
  console.log(`\nAt each tool's default cadence (server statements and ms per minute${hasPlan ? ', execution + planning' : ''}):\n`);
  table(
    ['tool', 'cadence', 'statements/min', 'server ms/min', 'vs OpsDeck'],
    rows.map(({ label, s, cadence }) => [
      label,
      cadence ? `every ${cadence.intervalS} s, slow every ${cadence.slowEveryS / 60} min` : 'none (runs per page view)',
      f(s.perMinute?.statements, 0),
      f(s.perMinute?.serverMs, 1),
      s.perMinute ? ratio(s.perMinute.serverMs, ops.perMinute?.serverMs) : 'n/a',
    ]),
  );
  for (const { label, s } of rows) {
    const per = [...s.byName].sort((a, b) => b[1].execMs - a[1].execMs).map(([name, v]) => `${name} ${f(v.execMs / v.calls, 3)} ms x${v.calls}`);
    console.log(`- ${label}, server ms per statement: ${per.join('; ')}`);
  }
}

export function printEngine(rows, { intervalMs, baseline }) {
  console.log(`\nB/C. Engine CPU and memory per database check (real engine in its own process, every check polled every ${intervalMs / 1000} s, fast cadence)\n`);
  table(
    ['checks', 'through', 'polls in window (failed)', 'CPU % of one core', 'above the 0-check engine, per check (floor: all of it)', 'CPU ms per poll', 'projected per check at 10 s', 'RSS MB (peak)', 'RSS above 0 checks, per check', 'event-loop lag p99 ms', 'server connections'],
    rows.map((r) => {
      const cpuPct = (r.cpuMs / r.wallMs) * 100;
      // The floor runs no engine: nothing to subtract.
      const extraMs = r.cpuMs - (baseline && !r.floor ? (baseline.cpuMs / baseline.wallMs) * r.wallMs : 0);
      const perCheckPct = r.checks ? ((extraMs / r.wallMs) * 100) / r.checks : null;
      const perPollMs = r.polls ? extraMs / r.polls : null;
      return [
        r.checks ? `${r.checks} ${r.kind}${r.floor ? ' connections' : ''}` : '0 (engine only)',
        r.through ?? '-',
        `${r.polls} (${r.failed})`,
        f(cpuPct, 2),
        r.checks ? `${f(perCheckPct, 3)} %` : '-',
        r.checks ? f(perPollMs, 2) : '-',
        r.checks && perPollMs !== null ? `${f((perPollMs / 10_000) * 100, 3)} %` : '-',
        `${f(r.rssMb, 0)} (${f(r.peakRssMb, 0)})`,
        r.checks && baseline && !r.floor ? f((r.peakRssMb - baseline.peakRssMb) / r.checks, 2) : '-',
        f(r.eldP99Ms, 1),
        r.serverConnections ?? '-',
      ];
    }),
  );
  // Per check from the two largest rows of a kind: the engine's own idle noise cancels out.
  for (const kind of new Set(rows.filter((r) => r.through === 'direct TCP').map((r) => r.kind))) {
    const [a, b] = rows.filter((r) => r.kind === kind && r.through === 'direct TCP').sort((x, y) => x.checks - y.checks).slice(-2);
    if (!a || !b || a.checks === b.checks) continue;
    const pct = ((b.cpuMs / b.wallMs - a.cpuMs / a.wallMs) * 100) / (b.checks - a.checks);
    const msPerPoll = (b.cpuMs / b.wallMs - a.cpuMs / a.wallMs) * 1000 / ((b.checks - a.checks) * (1000 / intervalMs));
    console.log(`\nPer ${kind} check, from the slope between ${a.checks} and ${b.checks} checks: ${f(pct, 3)} % of one core at ${intervalMs / 1000} s, ${f(msPerPoll, 2)} ms CPU per poll, ${f((msPerPoll / 10_000) * 100, 3)} % at the kind's default 10 s; RSS ${f((b.peakRssMb - a.peakRssMb) / (b.checks - a.checks), 2)} MB per check.`);
  }
  const floor = rows.find((r) => r.floor);
  const same = floor && rows.find((r) => !r.floor && r.kind === floor.kind && r.checks === floor.checks && r.through === 'direct TCP');
  if (floor && same) {
    const pct = (r) => (r.cpuMs / r.wallMs) * 100;
    console.log(
      `\nEngine against the floor at ${floor.checks} ${floor.kind} checks, whole processes: CPU ${ratio(pct(same), pct(floor))} (${f(pct(same), 2)} vs ${f(pct(floor), 2)} % of one core, ` +
        `${f(same.cpuMs / same.polls, 2)} vs ${f(floor.cpuMs / floor.polls, 2)} ms per poll), RSS ${ratio(same.peakRssMb, floor.peakRssMb)} (${f(same.peakRssMb, 0)} vs ${f(floor.peakRssMb, 0)} MB).`,
    );
  }
}

export function printTargets(rows) {
  console.log('\nIssue 11 targets:\n');
  table(['target', 'measured', 'met?'], rows.map((r) => [r.target, r.measured, r.met === null ? 'not measured' : r.met ? '**met**' : '**not met**']));
}

export { f, ratio, table };

// npm run bench:db — what OpsDeck's database checks cost the database and the engine, reported
// (not asserted) beside the queries PgHero and Netdata's collectors send for the same data, all
// measured in the same run on the same servers. Method and latest numbers: docs/bench-db.md.
//   OPSDECK_DB_PARTS=A,B,C       A: server cost per poll; B: engine CPU per check; C: through sshd
//   OPSDECK_DB_POLLS=36          measured polls per tool in part A (every 6th is a slow poll)
//   OPSDECK_DB_CHECKS=1,10,50    database checks per engine in part B
//   OPSDECK_DB_INTERVAL_MS=2000  poll interval of every check in parts B and C
//   OPSDECK_DB_SECONDS=20        measurement window per row in parts B and C
//   OPSDECK_DB_TUNNEL=2x5        part C: SSH hosts x database checks through each host
//   OPSDECK_DB_MYSQL=doc         measure MariaDB with the docs/db-queries.md statements even when the kind exists
//   OPSDECK_DB_DEBUG=1           every poll's statement count in part A, the engines' warnings in B/C
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { docSqlReader } from './doc-sql.mjs';
import { docStatementsMysqlKind } from './mysql-doc-kind.mjs';
import { runPartA } from './part-a.mjs';
import { runPartB, runPartC } from './part-bc.mjs';
import { f, printEngine, printTargets } from './report.mjs';
import { MAX_CONNECTIONS, setUpMariadb, setUpPostgres, startLoad, startScenarios, TABLES } from './servers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const parts = new Set((process.env.OPSDECK_DB_PARTS ?? 'A,B,C').toUpperCase().split(','));
const [tunnelHosts, tunnelChecks] = (process.env.OPSDECK_DB_TUNNEL ?? '2x5').split('x').map(Number);
const settings = {
  polls: Number(process.env.OPSDECK_DB_POLLS ?? 36),
  checks: (process.env.OPSDECK_DB_CHECKS ?? '1,10,50').split(',').map(Number).filter((n) => n > 0),
  intervalMs: Number(process.env.OPSDECK_DB_INTERVAL_MS ?? 2_000),
  windowMs: Number(process.env.OPSDECK_DB_SECONDS ?? 20) * 1000,
  tunnelHosts: tunnelHosts || 0,
  tunnelChecks: tunnelChecks || 0,
};
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

async function buildPieces() {
  const outDir = path.join(root, 'node_modules/.cache/opsdeck-bench-db');
  await build({
    configFile: false, logLevel: 'warn', root,
    build: { ssr: path.join(here, 'pieces.ts'), outDir, emptyOutDir: true, target: 'node22', minify: false, rollupOptions: { output: { format: 'es', entryFileNames: 'pieces.mjs' } } },
  });
  return pathToFileURL(path.join(outDir, 'pieces.mjs')).href;
}

function commit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Both servers start together; when one fails, the other is stopped before the error is shown. */
async function startServers(P, doc) {
  const setups = await Promise.allSettled([setUpPostgres(P, doc), setUpMariadb(P, doc)]);
  const failed = setups.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(setups.map((s) => (s.status === 'fulfilled' ? s.value.cluster.stop().catch(() => undefined) : undefined)));
    throw failed.reason;
  }
  return setups.map((s) => s.value);
}

async function main() {
  const started = Date.now();
  console.log(`OpsDeck database bench ${new Date().toISOString()} at ${commit()}: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${load()}`);
  const piecesUrl = await buildPieces();
  const P = await import(piecesUrl);
  const doc = docSqlReader(root);
  // The MariaDB half runs the mysql kind once pieces.ts finds collectors/mysql.ts; until then the
  // statements of docs/db-queries.md, in a stand-in with the kind's shape (this is the one line).
  const mysqlKind = process.env.OPSDECK_DB_MYSQL !== 'doc' && P.mysqlKind ? P.mysqlKind : docStatementsMysqlKind(P, doc);
  const mysqlIsKind = !mysqlKind.implementation;

  const [pgc, myc] = await startServers(P, doc);
  const env = { ...settings, P, doc, piecesUrl, pgc, myc, started, mysqlKind, mysqlIsKind, mysqlInEngine: mysqlIsKind && P.kindModule('mysql') !== null };
  let loadGen = null;
  let scenarios = null;
  const targets = [];
  try {
    env.pgVersion = (await pgc.cluster.primary.query('SHOW server_version'))[0].server_version;
    console.log(`PostgreSQL ${env.pgVersion} (primary + streaming replica) on port ${pgc.cluster.primary.port}, MariaDB ${myc.cluster.version} on port ${myc.cluster.primary.port}; ${TABLES} tables in appdb on each; max_connections ${MAX_CONNECTIONS} on both (set by the bench)`);
    console.log(`MariaDB is measured with: ${mysqlIsKind ? 'the mysql kind collector (collectors/mysql.ts)' : mysqlKind.implementation}`);
    loadGen = startLoad(pgc, myc);
    await loadGen.started;
    scenarios = await startScenarios(P, pgc, myc);
    console.log(`Background: 4 sessions per server, one small statement each every ~20 ms; a 900 s query and a row-lock wait on each server. Setup took ${Math.round((Date.now() - started) / 1000)} s.`);

    if (parts.has('A')) {
      targets.push(...(await runPartA(env)).targets);
      console.log(`(load average after part A: ${load()}; ${Math.round((Date.now() - started) / 1000)} s so far)`);
    }
    let engineRows = [];
    let baseline = null;
    if (parts.has('B')) ({ rows: engineRows, baseline } = await runPartB(env));
    let tunnel = null;
    if (parts.has('C') && env.tunnelHosts > 0 && env.tunnelChecks > 0) {
      tunnel = await runPartC(env);
      engineRows.push(tunnel.row);
    }
    if (engineRows.length) printEngine(engineRows, { intervalMs: env.intervalMs, baseline });
    if (tunnel) {
      console.log(`\n${tunnel.summary}`);
      targets.push(tunnel.target);
    }
    if (targets.length) printTargets(targets);
  } finally {
    await scenarios?.end();
    const loadResult = loadGen ? await loadGen.stop() : null;
    if (loadResult) console.log(`\nBackground load ran ${f(loadResult.pgPerSecond, 0)} statements/s on PostgreSQL and ${f(loadResult.myPerSecond, 0)} on MariaDB${loadResult.failed.length ? `; failed sessions: ${loadResult.failed.join('; ')}` : ''}.`);
    await Promise.all([pgc.cluster.stop(), myc.cluster.stop()]);
  }
  console.log(`Total ${Math.round((Date.now() - started) / 1000)} s; load average at the end ${load()}.`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

// A stand-in for the MySQL/MariaDB kind while collectors/mysql.ts is not on main: the statements
// of docs/db-queries.md on one connection, in the order and on the cadence a poll runs them
// (session block once per connection; status, process list, lock waits only while InnoDB reports
// a waiting row lock, replication; top statements on the slow cadence, texts for new digests).
// It has the kind's shape (configSchema, createCollector(config, ctx)), so run.mjs swaps it for
// the real kind on one line once pieces.ts finds collectors/mysql.ts.
import mysql from 'mysql2/promise';

const MAX_TEXTS = 500;

export function docStatementsMysqlKind(P, doc) {
  const sql = {
    session: doc.sql('my.session'),
    status: doc.sql('my.status'),
    processlist: doc.sql('my.processlist'),
    lockWaits: doc.sql('my.lock_waits'),
    replication: doc.sql('my.replication'),
    statements: doc.sql('my.statements'),
    statementTexts: doc.sql('my.statement_texts'),
  };
  return {
    kind: 'mysql',
    implementation: 'docs/db-queries.md statements on one mysql2 connection (stand-in: collectors/mysql.ts is not on main)',
    configSchema: P.databaseConfig(3306, 'information_schema'),
    createCollector(config, ctx) {
      let conn = null;
      let slowAt = -Infinity;
      const texts = new Set();
      const run = async (text, params) => (await conn.query(text, params))[0];
      return {
        async collect() {
          if (!conn) {
            conn = await mysql.createConnection({
              host: config.address, port: config.port, user: config.user, password: (await ctx.secret()) ?? undefined,
              connectTimeout: 5_000, connectAttributes: { program_name: 'opsdeck' },
            });
            conn.on('error', () => undefined);
            await run(sql.session);
          }
          const ts = ctx.clock.now();
          const status = Object.fromEntries((await run(sql.status)).map((r) => [r.name, r.value]));
          const processes = await run(sql.processlist);
          const waits = Number(status.innodb_row_lock_current_waits ?? 0) > 0 ? await run(sql.lockWaits) : [];
          const channels = await run(sql.replication);
          let statements = null;
          if (ctx.clock.now() - slowAt >= P.SLOW_EVERY_MS) {
            slowAt = ctx.clock.now();
            statements = await run(sql.statements);
            const missing = statements.map((r) => r.digest).filter((d) => !texts.has(d));
            if (missing.length > 0) {
              if (texts.size + missing.length > MAX_TEXTS) texts.clear();
              for (const r of await run(sql.statementTexts, [missing])) texts.add(r.digest);
            }
          }
          return { ts, metrics: { 'my.connections.used': Number(status.threads_connected) }, facts: {}, tables: { processes, waits, channels, ...(statements ? { statements } : {}) } };
        },
        async close() {
          await conn?.end().catch(() => conn?.destroy());
          conn = null;
        },
      };
    },
  };
}

// One MySQL/MariaDB connection for a check: over a direct-tcpip channel on the host's SSH login or
// direct TCP with verified TLS. At connect it learns what the server is, picks its statements and
// sets their server-side timeout; every statement also has a client-side deadline.
import fs from 'node:fs';
import type { Duplex } from 'node:stream';
import mysql from 'mysql2';
import { OpsError } from '../../../shared/errors';
import { readServerInfo, type MyServerInfo, type MyServerRow } from '../parsers/mysql-stats';
import type { KindContext } from './check-kind';
import type { DatabaseConfig } from './database-common';
import { myFailure, type DriverError, type GrantContext } from './mysql-errors';
import { MY_SERVER_SQL, statementsFor, type MyStatements } from './mysql-sql';

const CONNECT_TIMEOUT_MS = 5_000;
/** The client's own deadline per statement: past it the connection is dropped and rebuilt. */
const QUERY_TIMEOUT_MS = 4_000;

function tlsOptions(config: DatabaseConfig): mysql.SslOptions | undefined {
  if (config.tls === 'off') return undefined;
  let ca: string | undefined;
  if (config.caFile) {
    try {
      ca = fs.readFileSync(config.caFile, 'utf8');
    } catch {
      throw new OpsError('TLS_FAILED', `The CA certificate file ${config.caFile} could not be read.`, { field: 'caFile' });
    }
  }
  // verifyIdentity: the certificate must also name the address connected to, not only chain to the CA.
  return { rejectUnauthorized: true, verifyIdentity: true, ...(ca ? { ca } : {}) };
}

export type Row = Record<string, unknown>;

/** One open connection: the driver's, what the server is, and the statements picked for it. */
export class MyLink {
  private dead = false;

  constructor(
    private readonly conn: mysql.Connection,
    private readonly raw: Duplex | null,
    private readonly ctx: KindContext,
    readonly server: MyServerInfo,
    readonly sql: MyStatements,
  ) {
    conn.on('end', () => (this.dead = true));
  }

  get alive(): boolean {
    return !this.dead;
  }

  markDead(): void {
    this.dead = true;
  }

  static query(conn: mysql.Connection, ctx: KindContext, sql: string, params: unknown[] | undefined, onTimeout: () => void): Promise<Row[]> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = ctx.clock.setTimeout(() => {
        if (settled) return;
        settled = true;
        onTimeout();
        reject(new OpsError('TIMEOUT', `The server did not answer a monitoring statement within ${QUERY_TIMEOUT_MS / 1000} s.`));
      }, QUERY_TIMEOUT_MS);
      conn.query({ sql }, params ?? [], (err, rows) => {
        ctx.clock.clearTimeout(timer);
        if (settled) return;
        settled = true;
        if (err) reject(err);
        else resolve(Array.isArray(rows) ? (rows as Row[]) : []);
      });
    });
  }

  run<T = Row>(sql: string, params?: unknown[]): Promise<T[]> {
    if (this.dead) return Promise.reject(new OpsError('UNREACHABLE', 'The connection to the server dropped.'));
    return MyLink.query(this.conn, this.ctx, sql, params, () => this.kill()) as Promise<T[]>;
  }

  /** Drops the connection at once (a hung link, a statement past its deadline). */
  kill(): void {
    this.dead = true;
    this.conn.destroy();
    this.raw?.destroy();
  }

  /** Says goodbye (COM_QUIT) and frees the socket or channel even when the server does not answer. */
  async close(): Promise<void> {
    if (this.dead) {
      this.kill();
      return;
    }
    this.dead = true;
    await new Promise<void>((resolve) => {
      const timer = this.ctx.clock.setTimeout(resolve, 1_000);
      this.conn.end(() => {
        this.ctx.clock.clearTimeout(timer);
        resolve();
      });
    });
    this.conn.destroy();
    this.raw?.destroy();
  }
}

/** Connects, learns what the server is, picks its statements and sets their server-side timeout. */
export async function openLink(config: DatabaseConfig, ctx: KindContext): Promise<MyLink> {
  const password = await ctx.secret();
  const ssl = tlsOptions(config);
  // Through SSH: the channel is opened first, so a tunnel failure is TUNNEL_FAILED, not a driver error.
  const channel = config.via ? await ctx.openStream(config.via, config.address, config.port) : null;
  const conn = mysql.createConnection({
    host: config.address,
    port: config.port,
    user: config.user,
    ...(password !== null ? { password } : {}),
    database: config.database,
    connectTimeout: CONNECT_TIMEOUT_MS,
    connectAttributes: { program_name: 'opsdeck' },
    ...(ssl ? { ssl } : {}),
    ...(channel ? { stream: channel } : {}),
    dateStrings: true,
    multipleStatements: false,
  });
  // The socket or channel under the driver (and under TLS, once it starts): destroyed to drop a hung link.
  const raw = channel ?? ((conn as unknown as { stream?: Duplex }).stream ?? null);
  let link: MyLink | null = null;
  // An error with no statement in flight (the server went away between polls) must not reach the event loop.
  conn.on('error', (err: DriverError) => {
    link?.markDead();
    ctx.logger.log('warn', 'mysql-connection-error', { code: err.code ?? null, errno: err.errno ?? null });
  });
  const kill = () => {
    conn.destroy();
    raw?.destroy();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = ctx.clock.setTimeout(() => {
        kill();
        reject(new OpsError('TIMEOUT', `The server did not finish the login within ${CONNECT_TIMEOUT_MS / 1000} s.`));
      }, CONNECT_TIMEOUT_MS + 500);
      conn.connect((err) => {
        ctx.clock.clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      });
    });
    const [row] = (await MyLink.query(conn, ctx, MY_SERVER_SQL, undefined, kill)) as unknown as MyServerRow[];
    if (!row) throw new OpsError('COLLECT_FAILED', 'The server did not say what it is.');
    const server = readServerInfo(row);
    const sql = statementsFor(server);
    await MyLink.query(conn, ctx, sql.session, undefined, kill);
    link = new MyLink(conn, raw, ctx, server, sql);
    return link;
  } catch (err) {
    kill();
    throw myFailure(err);
  }
}

/** The grants the account lacks, in the probes' order, asking the server itself (roles and ALL PRIVILEGES included). */
export async function missingGrants(link: MyLink, config: DatabaseConfig): Promise<GrantContext[]> {
  const missing: GrantContext[] = [];
  for (const probe of link.sql.probes) {
    try {
      await link.run(probe.sql);
    } catch (err) {
      const errno = (err as DriverError).errno;
      if (errno === 1227 || errno === 1142 || errno === 1143) missing.push({ grant: probe, user: config.user, account: link.server.account });
      else throw err;
    }
  }
  return missing;
}

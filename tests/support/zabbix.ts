// A real Zabbix 6.0 (Debian's zabbix-server-pgsql + zabbix-frontend-php) on 127.0.0.1 for
// integration tests: a throwaway PostgreSQL with the Zabbix schema, zabbix_server on a free port
// and the PHP frontend's JSON-RPC API under `php -S`. Nothing is written outside one temp folder:
// the frontend's config path (/etc/zabbix/zabbix.conf.php, a class constant) is redirected by a
// patched copy of CConfigFile that an auto_prepend_file loads before the frontend's autoloader.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PG_BIN, startPostgres, waitUntil, type PgCluster } from './postgres';
import { freePort, isGone } from './sshd';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const ZABBIX_SERVER_BIN = process.env.OPSDECK_ZABBIX_SERVER ?? '/usr/sbin/zabbix_server';
export const ZABBIX_FRONTEND = process.env.OPSDECK_ZABBIX_FRONTEND ?? '/usr/share/zabbix';
const ZABBIX_SQL = process.env.OPSDECK_ZABBIX_SQL ?? '/usr/share/zabbix-server-pgsql';

// What the frontend's API needs from PHP (Debian: php-pgsql, php-bcmath, php-gd, php-mbstring, php-xml).
const PHP_MODULES = ['pgsql', 'bcmath', 'gd', 'mbstring', 'xmlreader', 'xmlwriter', 'dom', 'ctype', 'session', 'sockets'];

/**
 * Fails loudly, naming the Debian packages, when a part is missing: the Zabbix tests never skip
 * (.ci/run installs zabbix-server-pgsql zabbix-frontend-php php-cli php-pgsql and the PHP extensions).
 */
async function assertInstalled(): Promise<void> {
  const parts: Array<[string, string]> = [
    [ZABBIX_SERVER_BIN, 'zabbix-server-pgsql'],
    [path.join(ZABBIX_SQL, 'data.sql.gz'), 'zabbix-server-pgsql'],
    [path.join(ZABBIX_FRONTEND, 'api_jsonrpc.php'), 'zabbix-frontend-php'],
    ['/usr/bin/php', 'php-cli'],
  ];
  const missing = parts.filter(([p]) => !fs.existsSync(p)).map(([p, pkg]) => `${p} (${pkg})`);
  if (missing.length > 0) throw new Error(`Zabbix test harness: missing ${missing.join(', ')}; install the Debian packages listed in .ci/run`);
  const { stdout } = await run('php', ['-m'], { encoding: 'utf8' });
  const have = new Set(stdout.split('\n').map((l) => l.trim().toLowerCase()));
  const absent = PHP_MODULES.filter((m) => !have.has(m));
  if (absent.length > 0) throw new Error(`Zabbix test harness: PHP lacks ${absent.join(', ')}; install php-pgsql php-bcmath php-gd php-mbstring php-xml`);
}

export interface ZabbixTimings {
  postgresMs: number;
  schemaMs: number;
  loadMs: Record<string, number>;
  serverMs: number;
  frontendMs: number;
  totalMs: number;
}

export interface ZabbixHarness {
  /** http://127.0.0.1:PORT/api_jsonrpc.php */
  apiUrl: string;
  apiPort: number;
  /** The trapper port zabbix_server listens on. */
  trapperPort: number;
  version: string;
  /** An API token of Admin (token.create + token.generate). */
  token: string;
  /** A session id of Admin (user.login). */
  session: string;
  timings: ZabbixTimings;
  dir: string;
  pg: PgCluster;
  /** One JSON-RPC call, with the session in the `auth` field unless `auth` is given (null: none). */
  call<T = unknown>(method: string, params: unknown, auth?: string | null): Promise<T>;
  /**
   * Sends a value to a trapper item with the Zabbix sender protocol; resolves with the server's
   * "processed" count. `clock` (epoch seconds) dates the value, as zabbix_sender -T does.
   */
  send(host: string, key: string, value: string | number, clock?: number): Promise<number>;
  stop(): Promise<void>;
}

function phpPrepend(dir: string, confPath: string): string {
  // The frontend reads its DB settings from CConfigFile::CONFIG_FILE_PATH; a copy with our path
  // defined before the autoloader runs wins, and the system file stays untouched.
  const original = fs.readFileSync(path.join(ZABBIX_FRONTEND, 'include/classes/core/CConfigFile.php'), 'utf8');
  const patched = original.replace(/const CONFIG_FILE_PATH = '[^']*';/, `const CONFIG_FILE_PATH = ${JSON.stringify(confPath).replace(/"/g, "'")};`);
  if (patched === original) throw new Error('CConfigFile.php: CONFIG_FILE_PATH not found (frontend version changed?)');
  const classFile = path.join(dir, 'CConfigFile.php');
  fs.writeFileSync(classFile, patched);
  const prepend = path.join(dir, 'prepend.php');
  fs.writeFileSync(prepend, `<?php require_once ${JSON.stringify(classFile).replace(/"/g, "'")};\n`);
  return prepend;
}

function frontendConfig(pgPort: number, user: string, password: string, serverPort: number): string {
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return [
    '<?php',
    "$DB['TYPE'] = 'POSTGRESQL';",
    "$DB['SERVER'] = '127.0.0.1';",
    `$DB['PORT'] = '${pgPort}';`,
    "$DB['DATABASE'] = 'zabbix';",
    `$DB['USER'] = ${q(user)};`,
    `$DB['PASSWORD'] = ${q(password)};`,
    "$DB['SCHEMA'] = '';",
    "$DB['ENCRYPTION'] = false;",
    "$DB['DOUBLE_IEEE754'] = true;",
    "$ZBX_SERVER = '127.0.0.1';",
    `$ZBX_SERVER_PORT = '${serverPort}';`,
    "$ZBX_SERVER_NAME = 'opsdeck-test';",
    '$IMAGE_FORMAT_DEFAULT = IMAGE_FORMAT_PNG;',
    '',
  ].join('\n');
}

function serverConfig(dir: string, port: number, pgPort: number, user: string, password: string): string {
  return [
    `ListenPort=${port}`,
    'ListenIP=127.0.0.1',
    'SourceIP=127.0.0.1',
    `LogFile=${path.join(dir, 'zabbix_server.log')}`,
    'LogFileSize=0',
    'DebugLevel=3',
    `PidFile=${path.join(dir, 'zabbix_server.pid')}`,
    `SocketDir=${dir}`,
    'DBHost=127.0.0.1',
    `DBPort=${pgPort}`,
    'DBName=zabbix',
    `DBUser=${user}`,
    `DBPassword=${password}`,
    // CI runs as root; the server refuses that unless told (it would switch to the zabbix user).
    'AllowRoot=1',
    // Few processes: two cores are shared by every test; the trapper, history syncer and timer do the work.
    'StartPollers=1',
    'StartPollersUnreachable=1',
    'StartTrappers=2',
    'StartPingers=0',
    'StartDiscoverers=0',
    'StartHTTPPollers=0',
    'StartTimers=1',
    'StartEscalators=1',
    'StartAlerters=1',
    'StartDBSyncers=1',
    'StartLLDProcessors=1',
    'StartPreprocessors=1',
    'StartReportWriters=0',
    // New hosts and items reach the server's cache within a second, so a test need not wait a minute.
    'CacheUpdateFrequency=1',
    'HousekeepingFrequency=0',
    `AlertScriptsPath=${dir}`,
    `ExternalScripts=${dir}`,
    `TmpDir=${dir}`,
    'Timeout=4',
    // An agent that does not answer is "unavailable" (with Zabbix's error) after seconds, not 45 s.
    'UnreachablePeriod=2',
    'UnreachableDelay=1',
    'UnavailableDelay=5',
    '',
  ].join('\n');
}

async function loadSql(pg: PgCluster, file: string): Promise<void> {
  const { stdout } = await run('zcat', [file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // One simple-query message for the whole file (the files hold their own transaction): psql sent
  // data.sql's 170,000 INSERTs one round trip each (75-100 s here), this takes about 7 s. Foreign-key
  // triggers off while loading (session_replication_role): the shipped data is consistent.
  await pg.primary.query(`SET session_replication_role = replica;\n${stdout}`, undefined, 'zabbix');
}

function tail(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(-2000) : '';
}

/** A dump of the freshly loaded schema, kept in the temp folder and keyed by the shipped SQL files. */
function schemaCachePath(): string {
  const key = ['schema.sql.gz', 'images.sql.gz', 'data.sql.gz']
    .map((f) => {
      const st = fs.statSync(path.join(ZABBIX_SQL, f));
      return `${st.size}-${Math.floor(st.mtimeMs)}`;
    })
    .join('_');
  const dir = path.join(os.tmpdir(), 'opsdeck-zabbix-schema');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `zabbix-${key}.dump`);
}

async function pgTool(pg: PgCluster, tool: string, args: string[]): Promise<void> {
  const { host, port, superuser } = pg.primary;
  await run(path.join(PG_BIN, tool), ['-h', host, '-p', String(port), '-U', superuser.user, ...args], {
    env: { ...process.env, PGPASSWORD: superuser.password },
    timeout: 180_000,
  });
}

function readPid(file: string): number | null {
  try {
    const n = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

async function killAndWait(pid: number, ms = 10_000): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const until = Date.now() + ms;
  while (Date.now() < until && !isGone(pid)) await sleep(50);
  if (!isGone(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

/** The Zabbix sender protocol (ZBXD\1, little-endian length, JSON) to the trapper port. */
export function zabbixSend(port: number, data: Array<{ host: string; key: string; value: string; clock?: number; ns?: number }>): Promise<{ response: string; info: string }> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(JSON.stringify({ request: 'sender data', data }));
    const header = Buffer.alloc(13);
    header.write('ZBXD\x01', 0, 'latin1');
    header.writeUInt32LE(body.length, 5);
    header.writeUInt32LE(0, 9);
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('zabbix sender: timeout')));
    socket.on('connect', () => socket.end(Buffer.concat([header, body])));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      if (all.length < 13) return reject(new Error('zabbix sender: short reply'));
      try {
        resolve(JSON.parse(all.subarray(13).toString('utf8')) as { response: string; info: string });
      } catch (e) {
        reject(e as Error);
      }
    });
  });
}

export async function startZabbix(): Promise<ZabbixHarness> {
  const t0 = performance.now();
  await assertInstalled();
  const pg = await startPostgres({ preloadPgStatStatements: false });
  const postgresMs = performance.now() - t0;
  const dir = path.join(pg.dir, 'zabbix');
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(pg.dir, 0o711);
  let server: ChildProcess | null = null;
  let serverPid: number | null = null;
  let php: ChildProcess | null = null;
  const stopAll = async () => {
    if (php?.pid && php.exitCode === null) await killAndWait(php.pid);
    serverPid = readPid(path.join(dir, 'zabbix_server.pid')) ?? serverPid;
    if (serverPid) await killAndWait(serverPid, 15_000);
    await pg.stop();
  };
  try {
    let t = performance.now();
    const loadMs: Record<string, number> = {};
    await pg.primary.query('CREATE DATABASE zabbix');
    const cached = schemaCachePath();
    if (fs.existsSync(cached)) {
      const t1 = performance.now();
      await pgTool(pg, 'pg_restore', ['-d', 'zabbix', '--no-owner', cached]);
      loadMs.restore = performance.now() - t1;
    } else {
      for (const f of ['schema.sql.gz', 'images.sql.gz', 'data.sql.gz']) {
        const t1 = performance.now();
        await loadSql(pg, path.join(ZABBIX_SQL, f));
        loadMs[f] = performance.now() - t1;
      }
      // A dump restores with COPY in about 3 s against 8 s for the SQL files; the next file reuses it.
      const tmp = `${cached}.${process.pid}.tmp`;
      await pgTool(pg, 'pg_dump', ['-Fc', '-Z0', '-f', tmp, 'zabbix']);
      fs.renameSync(tmp, cached);
    }
    const schemaMs = performance.now() - t;

    t = performance.now();
    const { user, password } = pg.primary.superuser;
    const trapperPort = await lowFreePort();
    const confPath = path.join(dir, 'zabbix_server.conf');
    fs.writeFileSync(confPath, serverConfig(dir, trapperPort, pg.primary.port, user, password), { mode: 0o600 });
    // zabbix_server daemonizes unless -f; foreground keeps it our child so nothing outlives the test.
    const serverOut = fs.openSync(path.join(dir, 'zabbix_server.out'), 'a');
    server = spawn(ZABBIX_SERVER_BIN, ['-f', '-c', confPath], { stdio: ['ignore', serverOut, serverOut] });
    fs.closeSync(serverOut);
    serverPid = server.pid ?? null;
    process.once('exit', () => {
      if (serverPid) {
        try {
          process.kill(serverPid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    });
    await waitUntil(
      async () => {
        if (server?.exitCode !== null) throw new Error(`zabbix_server exited (${server?.exitCode}): ${tail(path.join(dir, 'zabbix_server.out'))}\n${tail(path.join(dir, 'zabbix_server.log'))}`);
        return canConnect(trapperPort);
      },
      'zabbix_server to listen',
      60_000,
    );
    const serverMs = performance.now() - t;

    t = performance.now();
    const frontConf = path.join(dir, 'zabbix.conf.php');
    fs.writeFileSync(frontConf, frontendConfig(pg.primary.port, user, password, trapperPort), { mode: 0o600 });
    const prepend = phpPrepend(dir, frontConf);
    const apiPort = await freePort();
    php = spawn('php', ['-d', `auto_prepend_file=${prepend}`, '-d', 'memory_limit=256M', '-d', 'post_max_size=16M', '-d', 'max_execution_time=300', '-d', 'date.timezone=UTC', '-S', `127.0.0.1:${apiPort}`, '-t', ZABBIX_FRONTEND], {
      stdio: 'ignore',
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '2' },
    });
    const phpPid = php.pid;
    process.once('exit', () => {
      if (phpPid) {
        try {
          process.kill(phpPid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    });
    const apiUrl = `http://127.0.0.1:${apiPort}/api_jsonrpc.php`;
    let id = 1;
    const call = async <T>(method: string, params: unknown, auth?: string | null): Promise<T> => {
      const body: Record<string, unknown> = { jsonrpc: '2.0', method, params, id: id++ };
      if (auth) body.auth = auth;
      const res = await fetch(apiUrl, { method: 'POST', headers: { 'content-type': 'application/json-rpc' }, body: JSON.stringify(body) });
      const json = (await res.json()) as { result?: T; error?: { message: string; data: string } };
      if (json.error) throw new Error(`${method}: ${json.error.message} ${json.error.data}`);
      return json.result as T;
    };
    let version = '';
    await waitUntil(
      async () => {
        if (php?.exitCode !== null) throw new Error('php -S exited');
        try {
          version = await call<string>('apiinfo.version', {});
          return true;
        } catch {
          return false;
        }
      },
      'the Zabbix API to answer',
      30_000,
    );
    const session = await call<string>('user.login', { username: 'Admin', password: 'zabbix' });
    const { tokenids } = await call<{ tokenids: string[] }>('token.create', { name: 'opsdeck-test', userid: '1' }, session);
    const [generated] = await call<Array<{ token: string }>>('token.generate', tokenids, session);
    const frontendMs = performance.now() - t;

    const harness: ZabbixHarness = {
      apiUrl,
      apiPort,
      trapperPort,
      version,
      token: generated!.token,
      session,
      timings: { postgresMs, schemaMs, loadMs, serverMs, frontendMs, totalMs: performance.now() - t0 },
      dir,
      pg,
      call: (method, params, auth) => call(method, params, auth === undefined ? session : auth),
      async send(host, key, value, clock) {
        const reply = await zabbixSend(trapperPort, [{ host, key, value: String(value), ...(clock === undefined ? {} : { clock, ns: 0 }) }]);
        const processed = /processed: (\d+)/.exec(reply.info);
        return processed ? Number(processed[1]) : 0;
      },
      stop: stopAll,
    };
    return harness;
  } catch (e) {
    await stopAll().catch(() => undefined);
    throw e;
  }
}

/** zabbix_server accepts ListenPort 1024-32767 only, below the OS's ephemeral range. */
async function lowFreePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export interface ProblemScenario {
  hostid: string;
  hostName: string;
  itemKey: string;
  triggerid: string;
  triggerName: string;
}

/**
 * A host with a trapper item and a High trigger over it, then a value that fires it: a REAL
 * problem computed by zabbix_server. Resolves once problem.get lists it.
 */
export async function createProblem(zbx: ZabbixHarness, opts: { hostName?: string; value?: number; triggerName?: string } = {}): Promise<ProblemScenario> {
  const hostName = opts.hostName ?? 'web-01';
  const itemKey = 'app.errors';
  const groups = await zbx.call<Array<{ groupid: string }>>('hostgroup.get', { filter: { name: ['Linux servers'] } });
  const { hostids } = await zbx.call<{ hostids: string[] }>('host.create', {
    host: hostName,
    groups: [{ groupid: groups[0]!.groupid }],
    interfaces: [{ type: 1, main: 1, useip: 1, ip: '127.0.0.1', dns: '', port: '10050' }],
  });
  const hostid = hostids[0]!;
  await zbx.call('item.create', { hostid, name: 'Application errors', key_: itemKey, type: 2, value_type: 0, delay: '0' });
  // A trapper item with the same key as the SSH host's CPU series, for the tile mapping.
  await zbx.call('item.create', { hostid, name: 'CPU utilization', key_: 'system.cpu.util', type: 2, value_type: 0, delay: '0', units: '%' });
  const triggerName = opts.triggerName ?? `Too many application errors on ${hostName}`;
  const { triggerids } = await zbx.call<{ triggerids: string[] }>('trigger.create', { description: triggerName, expression: `last(/${hostName}/${itemKey})>5`, priority: 4 });
  // The server learns of new items and triggers within CacheUpdateFrequency; until then the trapper
  // ignores values, or takes them before the trigger is known: send again until the problem shows.
  await waitUntil(
    async () => {
      await zbx.send(hostName, itemKey, (opts.value ?? 42) + Math.random());
      await zbx.send(hostName, 'system.cpu.util', 37.5);
      if ((await zbx.call<unknown[]>('problem.get', { objectids: triggerids })).length > 0) return true;
      await sleep(500);
      return false;
    },
    'zabbix_server to raise the problem',
    45_000,
  );
  return { hostid, hostName, itemKey, triggerid: triggerids[0]!, triggerName };
}

export { isGone };

/** Trapper items with the keys, units and value types of Zabbix's "Linux by Zabbix agent" template. */
export const LINUX_TEMPLATE_ITEMS: ReadonlyArray<{ key: string; valueType: 0 | 3; units: string }> = [
  { key: 'system.cpu.util', valueType: 0, units: '%' },
  { key: 'system.cpu.num', valueType: 3, units: '' },
  { key: 'system.cpu.load[all,avg1]', valueType: 0, units: '' },
  { key: 'vm.memory.utilization', valueType: 0, units: '%' },
  { key: 'vm.memory.size[total]', valueType: 3, units: 'B' },
  { key: 'vm.memory.size[available]', valueType: 3, units: 'B' },
  { key: 'vfs.fs.size[/,total]', valueType: 3, units: 'B' },
  { key: 'vfs.fs.size[/,used]', valueType: 3, units: 'B' },
  { key: 'vfs.fs.size[/,pused]', valueType: 0, units: '%' },
  { key: 'net.if.in["eth0"]', valueType: 3, units: 'bps' },
  { key: 'net.if.out["eth0"]', valueType: 3, units: 'bps' },
  { key: 'system.uptime', valueType: 3, units: 'uptime' },
];

/**
 * A host whose template items are trapper items, and the given values sent until Zabbix holds
 * them all (item.get's lastvalue): what an agent would have reported, without an agent.
 */
export async function createLinuxHost(zbx: ZabbixHarness, host: string, values: Record<string, number>, opts: { visibleName?: string; ip?: string } = {}): Promise<{ hostid: string }> {
  const groups = await zbx.call<Array<{ groupid: string }>>('hostgroup.get', { filter: { name: ['Linux servers'] } });
  const { hostids } = await zbx.call<{ hostids: string[] }>('host.create', {
    host,
    ...(opts.visibleName ? { name: opts.visibleName } : {}),
    groups: [{ groupid: groups[0]!.groupid }],
    interfaces: [{ type: 1, main: 1, useip: 1, ip: opts.ip ?? '127.0.0.1', dns: '', port: '10050' }],
  });
  const hostid = hostids[0]!;
  const items = LINUX_TEMPLATE_ITEMS.filter((i) => i.key in values);
  await zbx.call('item.create', items.map((i) => ({ hostid, name: i.key, key_: i.key, type: 2, value_type: i.valueType, units: i.units, delay: '0' })));
  await waitUntil(
    async () => {
      await zabbixSend(zbx.trapperPort, items.map((i) => ({ host, key: i.key, value: String(values[i.key]) })));
      const held = await zbx.call<Array<{ key_: string; lastvalue: string; lastclock: string }>>('item.get', { hostids: [hostid], output: ['key_', 'lastvalue', 'lastclock'] });
      if (held.length === items.length && held.every((h) => h.lastclock !== '0' && Number(h.lastvalue) === values[h.key_])) return true;
      await sleep(500);
      return false;
    },
    `zabbix_server to hold the values of ${host}`,
    45_000,
  );
  return { hostid };
}

/**
 * A host with a passive agent item on a port where no agent listens: zabbix_server polls it,
 * fails, and marks the agent interface unavailable with its own error (a few seconds here).
 */
export async function createUnreachableAgentHost(zbx: ZabbixHarness, host: string, port: number): Promise<{ hostid: string; error: string }> {
  const groups = await zbx.call<Array<{ groupid: string }>>('hostgroup.get', { filter: { name: ['Linux servers'] } });
  const { hostids } = await zbx.call<{ hostids: string[] }>('host.create', {
    host,
    groups: [{ groupid: groups[0]!.groupid }],
    interfaces: [{ type: 1, main: 1, useip: 1, ip: '127.0.0.1', dns: '', port: String(port) }],
  });
  const hostid = hostids[0]!;
  const [iface] = await zbx.call<Array<{ interfaceid: string }>>('hostinterface.get', { hostids: [hostid], output: ['interfaceid'] });
  await zbx.call('item.create', { hostid, name: 'Zabbix agent ping', key_: 'agent.ping', type: 0, value_type: 3, delay: '1s', interfaceid: iface!.interfaceid });
  let error = '';
  await waitUntil(
    async () => {
      const [h] = await zbx.call<Array<{ interfaces: Array<{ available: string; error: string }> }>>('host.get', { hostids: [hostid], selectInterfaces: ['available', 'error'] });
      const i = h?.interfaces[0];
      if (i?.available === '2') {
        error = i.error;
        return true;
      }
      await sleep(500);
      return false;
    },
    `zabbix_server to mark the agent of ${host} unavailable`,
    60_000,
  );
  return { hostid, error };
}

// `opsdeck` command line: serve the console headless, or probe a target once.
// Errors are one line, "opsdeck: CODE: sentence" (with --json, one JSON object {code, message} on
// stdout), with exit code 2 for usage and 1 for failures; no command at all is a usage error.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isErrorPayload, OpsError, type ErrorCode, type ErrorData } from '../../shared/errors';
import { readEnvConfig } from '../engine/core/env-config';
import { createFileLogger } from '../engine/core/file-logger';
import { defaultDataDir } from '../engine/core/paths';
import { ENGINE_VERSION } from '../engine/version';
import { isLoopback, startServer } from './server';
import { printServeLinks } from './serve-links';
import { tokenCommand, TOKEN_USAGE } from './token-command';
import { rulesCommand, RULES_USAGE } from './rules-command';
import { TAIL_USAGE } from './tail-usage';

export const USAGE = `Usage:
  opsdeck serve [--port N] [--host ADDR] [--allow-host NAME]... [--interval SECONDS]
      Watch this computer and serve the console at http://127.0.0.1:N/ (default port 7420).
      It prints the console's link with its access token and a read-only wall link.
      --allow-host: a further name browsers use to reach serve (a DNS name of this computer).
  opsdeck probe local [--json] [--sample-ms MS]
      Print one complete health snapshot of this computer and exit.
  opsdeck probe ssh://[user@]host[:port] [--identity FILE] [--accept-new] [--json] [--sample-ms MS] [--timeout SECONDS]
      The same snapshot of a Linux host over SSH. Host keys are checked against ~/.ssh/known_hosts
      (--accept-new adds a first-seen key); logins use ssh-agent (SSH_AUTH_SOCK), --identity or
      ~/.ssh/id_ed25519, id_ecdsa, id_rsa, and OPSDECK_SSH_PASSWORD. Nothing is ever prompted for.
  opsdeck probe postgres://user@host[:port][/db] [--via ssh://user@host] [--tls [--ca FILE]] [--password-file FILE] [--json]
  opsdeck probe mysql://user@host[:port] [the same flags]
      Two polls of a database, read the way the console reads it: connections, running and long
      queries, lock waits, replication lag, top statements. --via goes through that server's SSH
      login (its flags --identity and --accept-new apply). The password comes from
      OPSDECK_DB_PASSWORD, a --password-file readable only by you, or the keychain entry of a
      database saved in the console for the same address, port, user and database.
  opsdeck probe https://host[:port]/path [--ca FILE] [--pin SHA256] [--expect-status 200] [--keyword TEXT] [--timeout SECONDS] [--json]
  opsdeck probe http://host[:port]/path | tcp://host:port [the same flags, as they apply]
      One endpoint check as the console runs it: status, DNS/connect/TLS/first-byte times and the
      certificate's days left. The certificate is always verified: --ca trusts an internal CA (or
      a self-signed certificate itself) for this address, --pin also requires a public key of the
      chain (sha256/BASE64 or hex). A failed check prints its report, then exits 1 with the reason
      (with --json, the report alone, its "error" holding the code and facts).
  opsdeck probe prometheus+http(s)://host:9090 [--token-file FILE | --user USER --password-file FILE] [--ca FILE] [--json] [--timeout SECONDS]
      One read of a Prometheus server as the console reads it: its targets, up or down with the
      scrape error, and each node_exporter host's CPU, memory and disk.
  opsdeck probe zabbix+http(s)://[user@]host/api_jsonrpc.php [--password-file FILE] [--ca FILE] [--json]
      Zabbix's version (asked first), how the token is sent, its hosts and open problems. The API
      token comes from OPSDECK_ZABBIX_TOKEN or --password-file; with user@, that user's password
      from OPSDECK_ZABBIX_PASSWORD or the file.
${TOKEN_USAGE}
${RULES_USAGE}
${TAIL_USAGE}
  opsdeck --help | --version

Errors are one line on stderr, "opsdeck: CODE: sentence"; with --json, one JSON object
{"code", "message"} on stdout. Exit codes: 0 done, 1 failed, 2 wrong command line.

Environment:
  OPSDECK_DATA_DIR                 data folder (default: the desktop app's folder)
  OPSDECK_RAW_RETENTION_HOURS      how long raw samples are kept (default 48)
  OPSDECK_ROLLUP_RETENTION_DAYS    how long 1-minute averages are kept (default 30)`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  untilSignal(): Promise<void>;
}

class UsageError extends OpsError {}

function usageError(code: ErrorCode, message: string, data?: ErrorData): UsageError {
  return new UsageError(code, message, data);
}

type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * `--sample-ms -5` is a known flag with a bad value, not an unknown flag: a value that looks
 * like a negative number is joined to its flag before parseArgs sees it.
 */
function joinNegativeValues(args: string[], options: FlagOptions): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = /^--([a-z-]+)$/.exec(arg)?.[1];
    const next = args[i + 1];
    if (name && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else out.push(arg);
  }
  return out;
}

function flagList(options: FlagOptions): string {
  return Object.keys(options)
    .map((name) => `--${name}`)
    .join(', ');
}

function parseFlags(command: string, args: string[], options: FlagOptions) {
  try {
    return parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: true, strict: true });
  } catch (err) {
    const msg = String((err as Error).message).split('\n')[0] ?? '';
    const flag = /'(-{1,2}[^' ]+)/.exec(msg)?.[1]?.replace(/ <value>$/, '');
    const known = flag !== undefined && Object.hasOwn(options, flag.replace(/^-+/, ''));
    if (known) throw usageError('BAD_VALUE', `${flag} needs a value, for example ${flag} ${EXAMPLE_VALUES[flag] ?? 'VALUE'}.`, { flag });
    throw usageError(
      'BAD_FLAG',
      flag ? `"${command}" has no flag "${flag}". Its flags are ${flagList(options)}; run "opsdeck --help".` : `${msg} Run "opsdeck --help".`,
      flag ? { flag } : undefined,
    );
  }
}

const EXAMPLE_VALUES: Record<string, string> = {
  '--port': '7420',
  '--host': '127.0.0.1',
  '--interval': '2',
  '--sample-ms': '1000',
  '--identity': '~/.ssh/id_ed25519',
  '--timeout': '10',
};

function intFlag(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (String(value).trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw usageError('BAD_VALUE', `--${name} must be a whole number from ${min} to ${max}, not "${String(value)}".`, { flag: `--${name}`, value: String(value), min, max });
  }
  return n;
}

async function serve(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags('serve', args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'allow-host': { type: 'string', multiple: true },
    interval: { type: 'string' },
  });
  if (positionals.length) throw usageError('BAD_VALUE', `"serve" takes no arguments, got "${positionals[0]}". Run "opsdeck --help".`, { value: positionals[0]! });
  const port = intFlag(values.port, 'port', 0, 65535, 7420);
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  const intervalMs = intFlag(values.interval, 'interval', 1, 3600, 2) * 1000;
  const dataDir = defaultDataDir(io.env);
  const { retention } = readEnvConfig(io.env);
  const logger = createFileLogger(path.join(dataDir, 'logs', 'serve.log'));
  let server;
  try {
    server = await startServer({
      port,
      host,
      rendererDir: path.join(__dirname, '..', 'renderer'),
      engine: { dataDir, intervalMs, retention, osLocale: io.env.LANG?.split('.')[0]?.replace('_', '-') },
      logger,
      allowHosts: (values['allow-host'] as string[] | undefined) ?? [],
    });
  } catch (err) {
    logger.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new OpsError('PORT_IN_USE', `Port ${port} on ${host} is already in use. Pick another with --port, or stop the other OpsDeck.`, { port, host });
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new OpsError('BAD_ADDRESS', `Cannot listen on "${host}": it is not an address of this computer. Use 127.0.0.1, or an address "ip addr" lists.`, { host });
    throw err;
  }
  io.out(`OpsDeck ${ENGINE_VERSION} is watching this computer.`);
  printServeLinks(io, server, !isLoopback(host));
  io.out(`Data: ${dataDir}`);
  try {
    await server.started;
  } catch (err) {
    // The store could not be opened (a newer OpsDeck's database, a folder it may not write...).
    await server.close();
    logger.close();
    throw err;
  }
  await io.untilSignal();
  await server.close();
  logger.close();
  return 0;
}

async function probeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags('probe', args, {
    json: { type: 'boolean' },
    'sample-ms': { type: 'string' },
    identity: { type: 'string' },
    'accept-new': { type: 'boolean' },
    timeout: { type: 'string' },
    via: { type: 'string' },
    tls: { type: 'boolean' },
    ca: { type: 'string' },
    'password-file': { type: 'string' },
    pin: { type: 'string' },
    'expect-status': { type: 'string' },
    keyword: { type: 'string' },
    'token-file': { type: 'string' },
    user: { type: 'string' },
  });
  if (positionals.length === 0) throw usageError('BAD_TARGET', 'Name one target to probe, for example "opsdeck probe local" or "opsdeck probe ssh://ops@web-01".');
  if (positionals.length > 1) throw usageError('BAD_TARGET', `Name one target to probe, not ${positionals.length} ("${positionals.join('", "')}").`);
  const sampleMs = intFlag(values['sample-ms'], 'sample-ms', 100, 60_000, 1000);
  const spec = positionals[0]!;
  if (/^prometheus\+/i.test(spec)) {
    const { formatPrometheusProbeText, probePrometheus } = await import('./probe-prometheus');
    const report = await probePrometheus({
      spec,
      user: values.user as string | undefined,
      passwordFile: values['password-file'] as string | undefined,
      tokenFile: values['token-file'] as string | undefined,
      caFile: values.ca as string | undefined,
      timeoutMs: intFlag(values.timeout, 'timeout', 1, 300, 10) * 1000,
    });
    io.out(values.json ? JSON.stringify(report, null, 2) : formatPrometheusProbeText(report));
    return 0;
  }
  if (values['token-file'] !== undefined || values.user !== undefined) throw usageError('BAD_FLAG', '--token-file and --user apply to prometheus+http:// targets only.');
  const { isEndpointSpec } = await import('./probe-endpoint');
  if (isEndpointSpec(spec)) return probeEndpointCommand(spec, values, io);
  if (values.pin !== undefined || values['expect-status'] !== undefined || values.keyword !== undefined) {
    throw usageError('BAD_FLAG', '--pin, --expect-status and --keyword apply to https:// and http:// targets only.');
  }
  const { isDatabaseSpec } = await import('./probe-db');
  if (isDatabaseSpec(spec)) return probeDatabaseCommand(spec, values, sampleMs, io);
  const { isZabbixSpec } = await import('./probe-zabbix');
  if (isZabbixSpec(spec)) return probeZabbixCommand(spec, values, io);
  if (values.via !== undefined || values.tls || values.ca !== undefined || values['password-file'] !== undefined) {
    throw usageError('BAD_FLAG', '--via, --tls, --ca and --password-file apply to postgres:// and mysql:// targets only.');
  }
  const isSsh = /^ssh:\/\//i.test(spec);
  if (!isSsh && (values.identity !== undefined || values['accept-new'] || values.timeout !== undefined)) {
    throw usageError('BAD_FLAG', '--identity, --accept-new and --timeout apply to ssh:// targets only; "local" takes --json and --sample-ms.');
  }
  // Loaded only for this command: `serve` starts without the SSH client.
  const { formatProbeText, probe } = await import('./probe');
  const report = isSsh
    ? await (await import('./probe-ssh')).probeSsh({
        spec,
        identity: values.identity as string | undefined,
        acceptNew: values['accept-new'] === true,
        sampleMs,
        timeoutMs: intFlag(values.timeout, 'timeout', 1, 300, 10) * 1000,
        env: io.env,
        note: (text) => io.err(`opsdeck: note: ${text}`),
      })
    : await probe(spec, sampleMs);
  io.out(values.json ? JSON.stringify(report, null, 2) : formatProbeText(report));
  return 0;
}

async function probeDatabaseCommand(spec: string, values: Record<string, string | boolean | undefined | Array<string | boolean>>, sampleMs: number, io: CliIo): Promise<number> {
  if (values.ca !== undefined && !values.tls) throw usageError('BAD_FLAG', '--ca needs --tls: the CA is used to verify the server\'s certificate.');
  const { formatDbProbeText, probeDatabase } = await import('./probe-db');
  const report = await probeDatabase({
    spec,
    via: values.via as string | undefined,
    identity: values.identity as string | undefined,
    acceptNew: values['accept-new'] === true,
    tls: values.tls === true,
    caFile: values.ca as string | undefined,
    passwordFile: values['password-file'] as string | undefined,
    sampleMs,
    timeoutMs: intFlag(values.timeout, 'timeout', 1, 300, 10) * 1000,
    env: io.env,
    keychainPassword: (target) => savedCheckPassword(target, io.env),
    note: (text) => io.err(`opsdeck: note: ${text}`),
  });
  io.out(values.json ? JSON.stringify(report, null, 2) : formatDbProbeText(report));
  return 0;
}

async function probeEndpointCommand(spec: string, values: Record<string, string | boolean | undefined | Array<string | boolean>>, io: CliIo): Promise<number> {
  const misplaced = ['via', 'tls', 'password-file', 'identity', 'accept-new', 'sample-ms'].filter((f) => values[f] !== undefined);
  if (misplaced.length > 0) throw usageError('BAD_FLAG', `--${misplaced[0]} does not apply to an endpoint. Run "opsdeck --help" for the flags.`);
  const tcp = /^tcp:/i.test(spec);
  if (tcp && (values.ca !== undefined || values.pin !== undefined || values['expect-status'] !== undefined || values.keyword !== undefined)) {
    throw usageError('BAD_FLAG', '--ca, --pin, --expect-status and --keyword apply to https:// and http:// targets only.');
  }
  const { formatEndpointProbeText, probeEndpoint, probeFailure } = await import('./probe-endpoint');
  const report = await probeEndpoint({
    spec,
    caFile: values.ca as string | undefined,
    pin: values.pin as string | undefined,
    expectStatus: values['expect-status'] as string | undefined,
    keyword: values.keyword as string | undefined,
    timeoutSeconds: intFlag(values.timeout, 'timeout', 1, 120, 10),
  });
  io.out(values.json ? JSON.stringify(report, null, 2) : formatEndpointProbeText(report));
  const failure = probeFailure(report);
  if (!failure) return 0;
  // With --json the report is the one JSON answer and its `error` says why; a second object would break `| jq`.
  if (values.json) return 1;
  throw failure;
}

async function probeZabbixCommand(spec: string, values: Record<string, string | boolean | undefined | Array<string | boolean>>, io: CliIo): Promise<number> {
  if (values.via !== undefined || values.tls || values.identity !== undefined) throw usageError('BAD_FLAG', 'zabbix+ targets take --password-file, --ca, --timeout and --json only.');
  const { formatZabbixProbeText, probeZabbix } = await import('./probe-zabbix');
  const report = await probeZabbix({
    spec,
    passwordFile: values['password-file'] as string | undefined,
    caFile: values.ca as string | undefined,
    timeoutMs: intFlag(values.timeout, 'timeout', 1, 300, 10) * 1000,
    env: io.env,
  });
  io.out(values.json ? JSON.stringify(report, null, 2) : formatZabbixProbeText(report));
  return 0;
}

/** The password of a database saved in the console for the same place, from its keychain entry. */
async function savedCheckPassword(
  target: { kind: string; host: string; port: number; user: string; database: string; via: string | null },
  env: NodeJS.ProcessEnv,
): Promise<string | null> {
  const [{ DB_FILE_NAME, openStore }, { createSecretStore }, { checkSecretAccount }, { systemClock }, { nullLogger }, { parseSshTarget }] = await Promise.all([
    import('../engine/store'),
    import('../engine/secrets'),
    import('../engine/checks/checks-module'),
    import('../engine/core/clock'),
    import('../engine/core/logger'),
    import('./probe-ssh'),
  ]);
  const dataDir = defaultDataDir(env);
  // A probe never creates the console's database: no saved checks, no keychain entry to use.
  if (!fs.existsSync(path.join(dataDir, DB_FILE_NAME))) return null;
  const via = target.via ? parseSshTarget(target.via) : null;
  let store;
  try {
    store = openStore({ dataDir, clock: systemClock, logger: nullLogger });
  } catch {
    return null;
  }
  try {
    const saved = store.checks
      .listChecks()
      .find((c) => {
        const sameDatabase = c.kind === target.kind && c.config.address === target.host && c.config.port === target.port && c.config.user === target.user && (c.config.database ?? target.database) === target.database;
        if (!sameDatabase) return false;
        // The same place includes the server it is reached through: 127.0.0.1 on another server is another database.
        const parent = c.parentId ? store!.inventory.getHost(c.parentId) : null;
        if (!via || !parent) return !via && !parent;
        return parent.address === via.host && parent.port === via.port;
      });
    if (!saved) return null;
    const secrets = await createSecretStore({ logger: nullLogger, dataDir });
    return await secrets.get(checkSecretAccount(saved.id));
  } finally {
    store.close();
  }
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  // With --json the answer is for a program: errors too are one JSON object on stdout.
  const json = rest.includes('--json');
  const fail = (code: string, message: string): void => {
    if (json) io.out(JSON.stringify({ code, message }));
    else io.err(`opsdeck: ${code}: ${message}`);
  };
  try {
    switch (command) {
      case 'serve':
        return await serve(rest, io);
      case 'probe':
        return await probeCommand(rest, io);
      case 'token':
        return tokenCommand(rest, io);
      case 'rules':
        return await rulesCommand(rest, io);
      case 'tail':
        return await (await import('./tail-command')).tailCommand(rest, io);
      case '--version':
      case '-v':
        io.out(ENGINE_VERSION);
        return 0;
      case '--help':
      case '-h':
      case 'help':
        io.out(USAGE);
        return 0;
      case undefined:
        // Nothing to do is a usage error: a script that forgot its command must not pass.
        io.err(USAGE);
        throw usageError('NO_COMMAND', 'Name a command: "serve" or "probe". Run "opsdeck --help" for their flags.');
      default:
        throw usageError('UNKNOWN_COMMAND', `Unknown command "${command}". Use "serve" or "probe"; run "opsdeck --help".`, { command });
    }
  } catch (err) {
    if (err instanceof OpsError || isErrorPayload(err)) {
      fail(err.code, err.message);
      return err instanceof UsageError || USAGE_CODES.has(err.code) ? 2 : 1;
    }
    fail('INTERNAL', String((err as Error)?.message ?? err));
    return 1;
  }
}

/** Codes that mean the command line itself was wrong (exit code 2). */
const USAGE_CODES: ReadonlySet<string> = new Set<ErrorCode>(['NO_COMMAND', 'UNKNOWN_COMMAND', 'UNKNOWN_TARGET', 'UNSUPPORTED_TARGET', 'BAD_TARGET', 'BAD_FLAG', 'BAD_VALUE']);

function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    untilSignal: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}

// Run when loaded as the CLI entry (bin/opsdeck.cjs), not when imported by tests.
if (require.main === module || process.env.OPSDECK_CLI_ENTRY === '1') {
  void main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}

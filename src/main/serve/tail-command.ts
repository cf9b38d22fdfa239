// `opsdeck tail ssh://user@host FILE` and `--unit UNIT`: the last lines of a log on a Linux host,
// read and grouped the way the console reads them (levels, stack traces as one event), over one
// SSH login with `probe ssh://`'s host-key and login rules. --follow keeps following through
// rotations until Ctrl+C; the remote tail ends with the command. Text output is made inert for
// the terminal; --json prints one JSON object per event.
import os from 'node:os';
import path from 'node:path';
import { isErrorCode, OpsError } from '../../shared/errors';
import { terminalText } from '../../shared/log-text';
import type { LogItem, LogLevel } from '../../shared/logs';
import { journaldConfig, readJournal } from '../engine/collectors/journald';
import { systemClock } from '../engine/core/clock';
import { nullLogger } from '../engine/core/logger';
import { FileFollower } from '../engine/logs/file-follower';
import { JournalFollower } from '../engine/logs/journal-follower';
import { LogPipeline } from '../engine/logs/log-pipeline';
import { lastLinesScript } from '../engine/logs/remote-scripts';
import { runScript, splitStatusLine, type ProcessOpener } from '../engine/logs/run-script';
import { KnownHostsFile } from '../engine/transport/known-hosts-file';
import { SshConnection } from '../engine/transport/ssh-connection';
import { HostKeyError } from '../engine/transport/ssh-errors';
import type { CliIo } from './cli';
import { cliHostKeyError, parseSshTarget, resolveCredentials } from './probe-ssh';

export interface TailOptions {
  spec: string;
  file: string | null;
  unit: string | null;
  priority: string | null;
  lines: number;
  follow: boolean;
  json: boolean;
  identity?: string;
  acceptNew: boolean;
  timeoutMs: number;
}

interface PrintedEvent {
  ts: number;
  level: LogLevel;
  text: string;
  lines: number;
  cut: boolean;
  file?: string;
}

const MAX_ONCE_BYTES = 64 * 1024 * 1024;

function printer(io: CliIo, json: boolean) {
  return {
    event(e: PrintedEvent) {
      io.out(json ? JSON.stringify({ ts: new Date(e.ts).toISOString(), level: e.level, text: e.text, lines: e.lines, cut: e.cut, ...(e.file ? { file: e.file } : {}) }) : terminalText(e.text));
    },
    item(item: LogItem) {
      if (item.type === 'event') this.event(item);
      else io.err(`opsdeck: note: ${item.kind}${item.data ? ` ${JSON.stringify(item.data)}` : ''}`);
    },
  };
}

async function lastLinesOfFile(open: ProcessOpener, file: string, lines: number, timeoutMs: number): Promise<PrintedEvent[]> {
  const out = await runScript(open, lastLinesScript(file, lines), { timeoutMs, maxBytes: MAX_ONCE_BYTES });
  const split = splitStatusLine(out.stdout);
  const status = split?.status.join(' ');
  if (status === 'T missing') throw new OpsError('LOG_NOT_FOUND', `There is no file ${file} on the server.`);
  if (status === 'T notfile') throw new OpsError('LOG_NOT_FILE', `${file} on the server is not a regular file.`);
  if (status === 'T denied') throw new OpsError('LOG_DENIED', `The SSH user may not read ${file}. Add it to the group that owns the log (often adm).`);
  if (!split || status !== 'T ok') throw new OpsError('PROTOCOL', `The server gave no answer OpsDeck understands for ${file}.`);
  const events: PrintedEvent[] = [];
  const now = Date.now();
  const pipeline = new LogPipeline((e) => events.push({ ts: now, level: e.level, text: e.lines.join('\n'), lines: e.lines.length, cut: e.cut }));
  pipeline.push(split.data);
  pipeline.boundary();
  return events;
}

export async function tail(opts: TailOptions, io: CliIo): Promise<number> {
  const { host, port, user: specUser } = parseSshTarget(opts.spec);
  const home = io.env.HOME || os.homedir();
  const user = specUser ?? (io.env.USER || os.userInfo().username);
  const { credentials } = resolveCredentials(user, home, io.env, opts.identity);
  const knownHosts = new KnownHostsFile(path.join(home, '.ssh', 'known_hosts'));
  const connection = new SshConnection({ host, port, credentials, hostKeys: knownHosts, acceptNewHostKey: opts.acceptNew, readyTimeoutMs: opts.timeoutMs });
  const open: ProcessOpener = (script, o) => connection.openProcess(script, o);
  const print = printer(io, opts.json);
  try {
    // Log in first, so a refused key or login is one line with its code, as in probe.
    await connection.connect(opts.timeoutMs);
    for (const note of knownHosts.notes) io.err(`opsdeck: note: ${note}`);
    if (!opts.follow) {
      if (opts.unit !== null) {
        const selector = journaldConfig.parse({ via: 'cli', unit: opts.unit, priority: opts.priority });
        const read = await readJournal(open, { unit: selector.unit, priority: selector.priority }, null, opts.lines, opts.lines);
        for (const e of read.entries) print.event({ ts: e.ts ?? Date.now(), level: e.level, text: e.message, lines: e.message.split('\n').length, cut: false });
        for (const m of read.messages) io.err(`opsdeck: note: ${terminalText(m)}`);
      } else {
        for (const e of await lastLinesOfFile(open, opts.file!, opts.lines, opts.timeoutMs)) print.event(e);
      }
      return 0;
    }
    let failure: { code: string; message: string } | null = null;
    const sink = (b: { items: LogItem[]; error?: { code: string; message: string } }) => {
      for (const item of b.items) print.item(item);
      if (b.error) failure = b.error;
    };
    const follower =
      opts.unit !== null
        ? new JournalFollower({ open, selector: { unit: opts.unit, priority: opts.priority }, lines: opts.lines, clock: systemClock, logger: nullLogger, sink })
        : new FileFollower({ open, path: opts.file!, lines: opts.lines, clock: systemClock, logger: nullLogger, sink });
    follower.start();
    const ended = new Promise<void>((resolve) => {
      const timer = setInterval(() => follower.state === 'ended' && resolve(), 200);
      timer.unref();
    });
    await Promise.race([io.untilSignal(), ended]);
    await follower.close();
    if (failure) {
      const { code, message } = failure as { code: string; message: string };
      throw new OpsError(isErrorCode(code) ? code : 'COLLECT_FAILED', message);
    }
    return 0;
  } catch (err) {
    if (err instanceof HostKeyError) throw cliHostKeyError(err, host, port, knownHosts);
    throw err;
  } finally {
    await connection.close();
  }
}

function intValue(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new OpsError('BAD_FLAG', `--${name} must be a whole number from ${min} to ${max}, not "${String(value)}".`);
  return n;
}

/** `opsdeck tail ...` from its arguments (after the word "tail"). */
export async function tailCommand(args: string[], io: CliIo): Promise<number> {
  const { parseArgs } = await import('node:util');
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        lines: { type: 'string', short: 'n' },
        follow: { type: 'boolean', short: 'f' },
        json: { type: 'boolean' },
        unit: { type: 'string', short: 'u' },
        priority: { type: 'string', short: 'p' },
        identity: { type: 'string', short: 'i' },
        'accept-new': { type: 'boolean' },
        timeout: { type: 'string' },
      },
    });
  } catch (err) {
    const flag = /'(-{1,2}[^' ]+)/.exec(String((err as Error).message))?.[1];
    throw new OpsError('BAD_FLAG', flag ? `Unknown or incomplete flag "${flag}". Run "opsdeck --help" for the flags.` : 'Those flags cannot be read. Run "opsdeck --help".');
  }
  const { values, positionals } = parsed;
  const [spec, file, extra] = positionals;
  if (!spec || !/^ssh:\/\//i.test(spec)) throw new OpsError('BAD_FLAG', 'Name the server first, for example "opsdeck tail ssh://ops@web-01 /var/log/nginx/error.log".');
  const unit = (values.unit as string | undefined) ?? null;
  if (extra !== undefined) throw new OpsError('BAD_FLAG', `"tail" follows one file at a time; got "${extra}" too.`);
  if (unit !== null && file !== undefined) throw new OpsError('BAD_FLAG', 'Give a FILE or --unit, not both.');
  if (unit === null && file === undefined) throw new OpsError('BAD_FLAG', 'Name the log file (an absolute path on the server) or a systemd unit with --unit.');
  if (file !== undefined && !file.startsWith('/')) throw new OpsError('BAD_FLAG', `The file must be an absolute path on the server, such as /var/log/syslog, not "${file}".`);
  if (unit !== null) {
    const check = journaldConfig.safeParse({ via: 'cli', unit, priority: values.priority ?? null });
    if (!check.success) throw new OpsError('BAD_FLAG', `--unit "${unit}" or --priority "${String(values.priority)}" is not valid: ${check.error.issues[0]?.message ?? 'refused'}.`);
  } else if (values.priority !== undefined) {
    throw new OpsError('BAD_FLAG', '--priority applies to --unit (the journal) only.');
  }
  return tail(
    {
      spec,
      file: file ?? null,
      unit,
      priority: (values.priority as string | undefined) ?? null,
      lines: intValue(values.lines, 'lines', 0, 100_000, 10),
      follow: values.follow === true,
      json: values.json === true,
      identity: values.identity as string | undefined,
      acceptNew: values['accept-new'] === true,
      timeoutMs: intValue(values.timeout, 'timeout', 1, 300, 10) * 1000,
    },
    io,
  );
}

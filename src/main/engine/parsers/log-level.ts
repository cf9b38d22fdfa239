// PURE: the level of one log line in the formats operators meet: an RFC 5424 / 3164 priority
// (<11>), JSON lines with a level field (pino and bunyan numbers too), logfmt (level=warn),
// nginx and Apache error logs ([error], [core:error]), glog (E0115 ...), and a keyword near the
// start (ERROR, WARN, "error:", Korean 오류/경고). Only the first 200 characters are read, like
// Loki's detected_level: a level written later in a message is usually a quotation.
import type { LogLevel } from '../../../shared/logs';

const HEAD_CHARS = 200;
/** JSON lines longer than this are not parsed for a level (the keyword scan still runs). */
const MAX_JSON_CHARS = 16 * 1024;

const NAMES: Record<string, LogLevel> = {
  emerg: 'fatal',
  emergency: 'fatal',
  panic: 'fatal',
  alert: 'fatal',
  crit: 'fatal',
  critical: 'fatal',
  fatal: 'fatal',
  severe: 'error',
  err: 'error',
  eror: 'error',
  error: 'error',
  warn: 'warn',
  warning: 'warn',
  wrn: 'warn',
  notice: 'info',
  info: 'info',
  information: 'info',
  informational: 'info',
  inf: 'info',
  debug: 'debug',
  dbug: 'debug',
  dbg: 'debug',
  fine: 'debug',
  verbose: 'debug',
  trace: 'trace',
  trc: 'trace',
  finest: 'trace',
};

/** syslog severities 0-7 (RFC 5424 table 2). */
const SYSLOG: readonly LogLevel[] = ['fatal', 'fatal', 'fatal', 'error', 'warn', 'info', 'info', 'debug'];

/** A level written as a name, in any case; null when it is none. */
export function levelFromName(name: string): LogLevel | null {
  return Object.hasOwn(NAMES, name.toLowerCase()) ? NAMES[name.toLowerCase()]! : null;
}

/** A syslog / journald priority 0 (emerg) .. 7 (debug). */
export function levelFromPriority(priority: number): LogLevel | null {
  return Number.isInteger(priority) && priority >= 0 && priority <= 7 ? SYSLOG[priority]! : null;
}

/** pino / bunyan: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal. */
function levelFromNumber(n: number): LogLevel | null {
  if (!Number.isFinite(n)) return null;
  if (n >= 60) return 'fatal';
  if (n >= 50) return 'error';
  if (n >= 40) return 'warn';
  if (n >= 30) return 'info';
  if (n >= 20) return 'debug';
  if (n >= 10) return 'trace';
  return null;
}

const JSON_LEVEL_KEYS = ['level', 'lvl', 'severity', 'levelname', 'loglevel', 'log.level', '@l', '@level', 'Level', 'LEVEL', 'Severity', 'severity_text', 'priority', 'PRIORITY'];

function levelFromJson(line: string): LogLevel | null {
  if (line.length > MAX_JSON_CHARS || line[0] !== '{') return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  for (const key of JSON_LEVEL_KEYS) {
    let field = record[key];
    // ECS writes {"log": {"level": "error"}}.
    if (field === undefined && key === 'log.level') field = (record.log as Record<string, unknown> | undefined)?.level;
    if (typeof field === 'string') {
      const named = levelFromName(field.trim());
      if (named) return named;
      if (/^[0-7]$/.test(field.trim()) && /priority/i.test(key)) return levelFromPriority(Number(field));
    }
    if (typeof field === 'number') return /priority/i.test(key) ? levelFromPriority(field) : levelFromNumber(field);
  }
  return null;
}

const LOGFMT = /(?:^|\s)(?:level|lvl|severity|loglevel)=("?)([A-Za-z]+)\1(?=\s|$)/;
const PRI = /^<(\d{1,3})>/;
// nginx: "2024/01/15 10:23:45 [error] 1234#0: ..."; Apache 2.4: "[...] [core:error] [pid ...]"; 2.2: "[...] [error] [client ...]".
const BRACKETED = /\[(?:[a-z_]+:)?([a-z]+)\]/g;
const GLOG = /^([IWEF])\d{4} \d{2}:\d{2}:\d{2}/;
// Upper-case level words as whole words anywhere in the head; lower-case ones only when marked as a level.
const UPPER = /(?<![A-Za-z0-9_])(FATAL|PANIC|EMERG|EMERGENCY|ALERT|CRITICAL|CRIT|SEVERE|ERROR|ERR|WARNING|WARN|NOTICE|INFO|DEBUG|TRACE)(?![A-Za-z0-9_])/;
const MARKED = /(?:^|[\s[(<|])(fatal|panic|critical|crit|error|err|warning|warn|notice|info|debug|trace|Fatal|Panic|Critical|Error|Warning|Warn|Notice|Info|Debug|Trace)(?:\]|\)|>|\||:\s)/;
const KOREAN: Array<[RegExp, LogLevel]> = [
  [/치명|심각/, 'fatal'],
  [/오류|에러|실패/, 'error'],
  [/경고|주의/, 'warn'],
];

/** The level written in a line, or null when none is recognisable. */
export function detectLevel(line: string): LogLevel | null {
  const pri = PRI.exec(line);
  if (pri) {
    const value = Number(pri[1]);
    if (value <= 191) return levelFromPriority(value & 7);
  }
  const json = levelFromJson(line);
  if (json) return json;
  const head = line.length > HEAD_CHARS ? line.slice(0, HEAD_CHARS) : line;
  const logfmt = LOGFMT.exec(head);
  if (logfmt) {
    const named = levelFromName(logfmt[2]!);
    if (named) return named;
  }
  const glog = GLOG.exec(head);
  if (glog) return ({ I: 'info', W: 'warn', E: 'error', F: 'fatal' } as const)[glog[1] as 'I' | 'W' | 'E' | 'F'];
  BRACKETED.lastIndex = 0;
  for (let m = BRACKETED.exec(head); m; m = BRACKETED.exec(head)) {
    const named = levelFromName(m[1]!);
    if (named) return named;
  }
  const upper = UPPER.exec(head);
  if (upper) return levelFromName(upper[1]!);
  const marked = MARKED.exec(head);
  if (marked) return levelFromName(marked[1]!);
  for (const [pattern, level] of KOREAN) if (pattern.test(head)) return level;
  return null;
}

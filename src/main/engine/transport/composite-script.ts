// What a host's long-lived channel is fed: one request per poll and cadence, each section of
// the answer behind an unforgeable marker (see parsers/composite-sections.ts).
//
// Resident mode (the default): the channel's shell `exec`s ONE awk that stays for the life of
// the login. Each poll is a single request line (the marker prefix and the sections); awk
// reads the procfs files with getline and answers, so a fast poll starts no remote process at
// all. The slow cadence's commands (df, ps, uname, cat) run from awk through `sh -c`.
//
// Shell mode (hosts without awk, and the one-off fallback exec): a composite sh script per
// poll that reads the six procfs files with one awk process, so a fast poll starts one.

import { COMPOSITE_VERSION } from '../parsers/composite-sections';
import { shellQuote } from './shell-quote';

export { COMPOSITE_VERSION };

export type SectionSpec =
  /**
   * A file; its section is named by its path. `keep`, a POSIX extended regular expression,
   * limits the resident awk to the lines the parser reads (script mode sends the whole file;
   * the parsers take either).
   */
  | { kind: 'file'; path: string; keep?: string }
  /** A command whose stdout is the section; stderr is discarded. */
  | { kind: 'command'; name: string; command: string };

export const sectionName = (s: SectionSpec): string => (s.kind === 'file' ? s.path : s.name);

const file = (path: string, keep?: string): SectionSpec => (keep ? { kind: 'file', path, keep } : { kind: 'file', path });

export const FAST_SECTIONS: readonly SectionSpec[] = [
  // Not intr, ctxt or softirq: on a large server intr alone holds thousands of counters.
  file('/proc/stat', '^(cpu[0-9]*|processes|procs_running|procs_blocked|btime) '),
  // 7 of about 55 lines.
  file('/proc/meminfo', '^(MemTotal|MemFree|MemAvailable|Buffers|Cached|SwapTotal|SwapFree):'),
  file('/proc/loadavg'),
  file('/proc/diskstats'),
  file('/proc/net/dev'),
  file('/proc/uptime'),
];

export const SLOW_SECTIONS: readonly SectionSpec[] = [
  // -l: local filesystems only, so a dead NFS server cannot hang the poll. busybox has no -l;
  // its fallback lists everything and the collector filters by type.
  { kind: 'command', name: 'df', command: 'df -kPTl 2>/dev/null || df -kPT' },
  // %cpu is ps's lifetime average; comm goes last because it may contain spaces.
  { kind: 'command', name: 'ps', command: 'ps -eo pid=,pcpu=,pmem=,comm= --sort=-pcpu' },
  { kind: 'command', name: 'uname', command: 'uname -snrm' },
  { kind: 'command', name: 'os-release', command: 'cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release' },
];

/** Run once when a shell channel opens: C locale so numbers and messages parse the same everywhere. */
export const SHELL_PRELUDE = 'LC_ALL=C; export LC_ALL; unset HISTFILE\n';

/** Printed once by the resident awk when it starts, and by the shell when the host has no awk. */
export const RESIDENT_READY = `\n##${COMPOSITE_VERSION}:awk-ready\n`;
export const SHELL_READY = `\n##${COMPOSITE_VERSION}:sh-ready\n`;

// The resident program. A request is one line of tab-separated fields: the marker prefix, then
// `F<path>` for a file, `K<path>\x1f<regex>` for the lines of a file that match, or
// `C<name>=<command>` for a command. An unreadable file is left out (as
// in shell mode); a command's stdin is /dev/null, because awk's stdin is the request stream.
// The prefix arrives on stdin, never in argv, so other users of the host cannot read it in ps.
const RESIDENT_PROGRAM = [
  'BEGIN { FS = "\\t"; printf "%s", ready; fflush() }',
  'NF == 0 { next }',
  '{ p = $1; printf "\\n%sbegin\\n", p',
  '  for (i = 2; i <= NF; i++) {',
  '    k = substr($i, 1, 1); a = substr($i, 2)',
  '    if (k == "F" || k == "K") {',
  '      f = a; re = ""',
  '      if (k == "K") { s = index(a, "\\037"); f = substr(a, 1, s - 1); re = substr(a, s + 1) }',
  '      r = (getline l < f)',
  '      if (r >= 0) { printf "\\n%sS:%s\\n", p, f; while (r > 0) { if (re == "" || l ~ re) print l; r = (getline l < f) } }',
  '      close(f)',
  '    } else if (k == "C") {',
  '      e = index(a, "="); printf "\\n%sS:%s\\n", p, substr(a, 1, e - 1)',
  '      c = "{ " substr(a, e + 1) "; } </dev/null 2>/dev/null"',
  '      while ((c | getline l) > 0) print l',
  '      close(c)',
  '    }',
  '  }',
  '  printf "\\n%send\\n", p; fflush() }',
].join('\n');

/**
 * Sent once after the prelude: turns the shell into the resident awk, or, where the host has
 * no awk, says so and stays a shell. `-W interactive` makes mawk read its input a line at a
 * time instead of waiting for a full buffer; gawk and busybox warn on stderr and carry on.
 */
export function residentBootstrap(): string {
  const ready = `ready=${RESIDENT_READY.replace(/\n/g, '\\n')}`;
  // One command line: a shell that reads its input a byte at a time (bash) has read all of it
  // before the exec, so nothing meant for the shell is left over for awk to take as a request.
  return `command -v awk >/dev/null 2>&1 && exec awk -W interactive -v ${shellQuote(ready)} ${shellQuote(RESIDENT_PROGRAM)}; printf '%s' ${shellQuote(SHELL_READY)}\n`;
}

// The checked request line after the prefix, per sections list (collectors pass the same
// constant lists every poll), so a poll only joins its prefix to it. Lists are never mutated.
const residentBodies = new WeakMap<readonly SectionSpec[], string>();

/** One resident-mode request: the poll's marker prefix and its sections, one line. */
export function buildResidentRequest(sections: readonly SectionSpec[], prefix: string): string {
  if (/[\t\n\0]/.test(prefix)) throw new TypeError(`A resident request field cannot contain a tab, newline or NUL: ${JSON.stringify(prefix.slice(0, 40))}`);
  let body = residentBodies.get(sections);
  if (body === undefined) {
    body = residentBody(sections);
    residentBodies.set(sections, body);
  }
  return `${prefix}${body}\n`;
}

function residentBody(sections: readonly SectionSpec[]): string {
  const fields = sections.map((s) => (s.kind === 'command' ? `C${s.name}=${s.command}` : s.keep ? `K${s.path}\x1f${s.keep}` : `F${s.path}`));
  for (const f of fields) {
    if (/[\t\n\0]/.test(f)) throw new TypeError(`A resident request field cannot contain a tab, newline or NUL: ${JSON.stringify(f.slice(0, 40))}`);
  }
  for (const s of sections) {
    if (s.kind === 'file' && s.keep !== undefined && `${s.path}${s.keep}`.includes('\x1f')) throw new TypeError(`A file path or filter cannot contain \\x1f: ${s.path}`);
  }
  for (const s of sections) if (s.kind === 'command' && s.name.includes('=')) throw new TypeError(`A section name cannot contain "=": ${s.name}`);
  return fields.map((f) => `\t${f}`).join('');
}

function printMarker(label: string, prefix: string): string {
  return `printf '\\n%s\\n' ${shellQuote(prefix + label)}`;
}

/** The script for one poll. `prefix` comes from compositeMarkerPrefix(nonce, seq). */
export function buildCompositeScript(sections: readonly SectionSpec[], prefix: string): string {
  const lines = [printMarker('begin', prefix)];
  let files: string[] = [];
  const flushFiles = () => {
    if (files.length === 0) return;
    // Unreadable files are left out first: awk stops at the first file it cannot open.
    lines.push(
      'set --',
      `for f in ${files.map(shellQuote).join(' ')}; do [ -r "$f" ] && set -- "$@" "$f"; done`,
      // The prefix goes in awk's environment, not its argv: ps shows argv to every user.
      `[ $# -gt 0 ] && OPSDECK_P=${shellQuote(`${prefix}S:`)} awk 'FNR==1{print "\\n" ENVIRON["OPSDECK_P"] FILENAME}{print}' "$@" </dev/null 2>/dev/null`,
    );
    files = [];
  };
  for (const section of sections) {
    if (section.kind === 'file') {
      files.push(section.path);
      continue;
    }
    flushFiles();
    // stdin is the script itself: a command that read it would swallow the rest of the poll.
    lines.push(printMarker(`S:${section.name}`, prefix), `{ ${section.command}; } </dev/null 2>/dev/null`);
  }
  flushFiles();
  lines.push(printMarker('end', prefix));
  return `${lines.join('\n')}\n`;
}

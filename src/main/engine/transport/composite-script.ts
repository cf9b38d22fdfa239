// The composite scripts fed to a host's long-lived shell: one per cadence, each section behind
// an unforgeable marker (see parsers/composite-sections.ts). The fast cadence reads six procfs
// files with ONE awk process (the loop, tests and printf are shell builtins), so a poll starts
// one remote process. The slow cadence runs df, ps, uname and cat: more processes, but only
// every minute or so.

import { COMPOSITE_VERSION } from '../parsers/composite-sections';
import { shellQuote } from './shell-quote';

export { COMPOSITE_VERSION };

export type SectionSpec =
  /** A file; its section is named by its path. */
  | { kind: 'file'; path: string }
  /** A command whose stdout is the section; stderr is discarded. */
  | { kind: 'command'; name: string; command: string };

export const sectionName = (s: SectionSpec): string => (s.kind === 'file' ? s.path : s.name);

const file = (path: string): SectionSpec => ({ kind: 'file', path });

export const FAST_SECTIONS: readonly SectionSpec[] = [
  file('/proc/stat'),
  file('/proc/meminfo'),
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
      `[ $# -gt 0 ] && awk -v p=${shellQuote(`${prefix}S:`)} 'FNR==1{print "\\n" p FILENAME}{print}' "$@" </dev/null 2>/dev/null`,
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

// The scripts OpsDeck runs on a host to read its logs, each fed to `/bin/sh` on stdin (see
// transport/remote-process.ts). Every path, pattern, unit and cursor passes through shellQuote or
// shellGlob: nothing from a person's settings reaches the remote shell raw. Numbers are checked
// integers. Each script's first output line is its own status line; raw log bytes follow it.
//
// Positions are (file identity = "device:inode", byte offset). A read that finds another file
// under the name (rename rotation) finishes the old one by its inode among the rotated names
// beside it; a file shorter than the offset (copytruncate) finishes from the rotated copy that
// starts with the same bytes. Where neither is found, the status says so and the caller marks
// the gap instead of pretending nothing was lost.
import { randomInt } from 'node:crypto';
import { shellGlob, shellQuote } from '../transport/shell-quote';

/** Bytes of a file's start kept to recognise its copytruncate copy (Vector's checksum idea). */
export const HEAD_BYTES = 64;

function int(name: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, not ${n}.`);
  return String(n);
}

function hexOrDash(hex: string | null): string {
  if (hex === null || hex === '') return '-';
  if (!/^(?:[0-9a-f]{2}){1,64}$/.test(hex)) throw new RangeError('The head of a file is hex bytes.');
  return hex;
}

function idOrDash(id: string | null): string {
  if (id === null) return '-';
  if (!/^\d+:\d+$/.test(id)) throw new RangeError(`A file identity is device:inode, not ${id}.`);
  return id;
}

// Shared pieces. `rd FILE FROM LEN` copies LEN bytes from offset FROM; `hx FILE LEN` prints the
// first LEN bytes in hex; `cands` lists the rotated names beside the file (app.log.1,
// app.log-20261206, app.1.log), compressed ones left out.
const HELPERS = `rd() { tail -c +$(($2 + 1)) -- "$1" 2>/dev/null | head -c "$3"; }
hx() { head -c "$2" -- "$1" 2>/dev/null | od -An -v -tx1 | tr -d ' \\n'; }
`;

/**
 * One read of a file from a position, at most `max` bytes. Status line:
 * `S <id> <size> start <headhex>` (no position yet: where the file is now, no data),
 * `S <id> <size> data <from> <len>` + bytes of the file, `S ... old <from> <len> <oldsize>` +
 * bytes of the renamed old file, `S ... copy <from> <len> <copysize>` + bytes of the
 * copytruncate copy,
 * `S ... lost` (rotated, the old rest is not beside it), `S ... truncated` (no copy found),
 * `S - - missing`, `S - - notfile`, `S <id> <size> denied`.
 */
export function readScript(opts: { path: string; id: string | null; offset: number; max: number; head: string | null }): string {
  return `F=${shellQuote(opts.path)}; ID=${idOrDash(opts.id)}; OFF=${int('offset', opts.offset)}; MAX=${int('max', opts.max)}; HX=${hexOrDash(opts.head)}
${HELPERS}case "\${F##*/}" in *.*) SF="\${F%.*}";; *) SF="$F";; esac
if [ ! -e "$F" ]; then echo "S - - missing"; exit 0; fi
if [ ! -f "$F" ]; then echo "S - - notfile"; exit 0; fi
set -- $(stat -L -c '%d:%i %s' -- "$F" 2>/dev/null); CID=\${1:--}; CS=\${2:-0}
if [ ! -r "$F" ]; then echo "S $CID $CS denied"; exit 0; fi
if [ "$ID" = - ]; then echo "S $CID $CS start $(hx "$F" ${HEAD_BYTES})"; exit 0; fi
# Same file and long enough, unless its first bytes changed: then it was truncated and has grown back.
HOK=1; [ "$HX" != - ] && [ "$CID" = "$ID" ] && [ "$(hx "$F" $((\${#HX} / 2)))" != "$HX" ] && HOK=0
if [ "$CID" = "$ID" ] && [ "$CS" -ge "$OFF" ] && [ "$HOK" = 1 ]; then N=$((CS - OFF)); [ "$N" -gt "$MAX" ] && N=$MAX; echo "S $CID $CS data $OFF $N"; rd "$F" "$OFF" "$N"; exit 0; fi
if [ "$CID" != "$ID" ]; then
  for C in "$F"?* "$SF"?*; do
    [ -f "$C" ] || continue
    set -- $(stat -L -c '%d:%i %s' -- "$C" 2>/dev/null)
    if [ "$1" = "$ID" ]; then N=$(($2 - OFF)); [ "$N" -lt 0 ] && N=0; [ "$N" -gt "$MAX" ] && N=$MAX; echo "S $CID $CS old $OFF $N $2"; rd "$C" "$OFF" "$N"; exit 0; fi
  done
  echo "S $CID $CS lost"; exit 0
fi
B=; BS=0
if [ "$HX" != - ]; then
  for C in "$F"?* "$SF"?*; do
    [ -f "$C" ] || continue
    case "$C" in *.gz|*.xz|*.bz2|*.zst|*.lz4|*.Z) continue;; esac
    set -- $(stat -L -c '%d:%i %s' -- "$C" 2>/dev/null)
    [ "$1" = "$CID" ] && continue
    [ "\${2:-0}" -ge "$OFF" ] || continue
    [ "$(hx "$C" $((\${#HX} / 2)))" = "$HX" ] || continue
    if [ -z "$B" ] || [ "$C" -nt "$B" ]; then B=$C; BS=$2; fi
  done
fi
if [ -n "$B" ]; then N=$((BS - OFF)); [ "$N" -gt "$MAX" ] && N=$MAX; echo "S $CID $CS copy $OFF $N $BS"; rd "$B" "$OFF" "$N"; exit 0; fi
echo "S $CID $CS truncated"
`;
}

/**
 * The regular files a pattern matches now: `L <count>`, then one `<mtime> <size> <name>` line per
 * file, at most `limit` (names with a line break are left out: they cannot be listed safely).
 */
export function listScript(pattern: string, limit: number): string {
  return `set --; for C in ${shellGlob(pattern)}; do [ -f "$C" ] || continue; case "$C" in *"
"*) continue;; esac; set -- "$@" "$C"; done; echo "L $#"
[ $# -gt 0 ] && stat -L -c '%Y %s %n' -- "$@" 2>/dev/null | sort -rn | head -n ${int('limit', limit)}
`;
}

/**
 * The path with a random run of "./" and "/" segments before its last component: the same file
 * to tail and to the kernel, but tail's own messages ("file truncated", "has been replaced")
 * then carry a marker no log line can know, so a line in the log cannot forge them.
 */
export function markedPath(path: string): { path: string; marker: string } {
  const slash = path.lastIndexOf('/');
  const dir = slash >= 0 ? path.slice(0, slash) : '.';
  const base = slash >= 0 ? path.slice(slash + 1) : path;
  let marker = '/';
  for (let i = 0; i < 24; i++) marker += randomInt(2) === 1 ? './' : '/';
  return { path: `${dir}${marker}${base}`, marker };
}

// The stop: when the channel's stdin ends (the view closed, the login dropped), kill the
// follower. --pid ends GNU tail within a second if this shell dies some other way. This line
// must stay the script's last: bash reads a script from a pipe a byte at a time, so the loop's
// `read` must find nothing of the script left after it.
const WATCHDOG = `T=$!; trap 'kill $T 2>/dev/null' EXIT HUP TERM
while read -r _; do :; done; kill $T 2>/dev/null
`;

export type FollowStart = { kind: 'lines'; lines: number } | { kind: 'from'; id: string | null; offset: number };

/**
 * Follows a file with `tail -F` from where the view should start. Status line:
 * `F <id> <size> lines <bytes> <headhex>` (then the last N lines, <bytes> long, then what is written from here on),
 * `F <id> <size> from <offset>` (resuming), `F <id> <size> changed` (not the file the position
 * is in: the caller reads the old rest first, then follows afresh; the script ends),
 * `F - - missing` (tail waits for it to appear), `F <id> <size> denied` (ends).
 */
export function followScript(opts: { path: string; tailPath: string; start: FollowStart }): string {
  // `lines` prints the byte count of the last N lines first, so the reader knows where they start.
  const { start } = opts;
  const lines = start.kind === 'lines' ? int('lines', start.lines) : '0';
  const id = start.kind === 'from' ? idOrDash(start.id) : '-';
  const offset = start.kind === 'from' ? int('offset', start.offset) : '0';
  const resume = start.kind === 'from' ? '1' : '0';
  return `F=${shellQuote(opts.path)}; P=${shellQuote(opts.tailPath)}; NL=${lines}; ID=${id}; OFF=${offset}; R=${resume}
${HELPERS}CID=-; CS=0; [ -f "$F" ] && { set -- $(stat -L -c '%d:%i %s' -- "$F" 2>/dev/null); CID=\${1:--}; CS=\${2:-0}; }
if [ "$CID" = - ]; then echo "F - - missing"; B=1
elif [ ! -r "$F" ]; then echo "F $CID $CS denied"; exit 0
elif [ "$R" = 0 ]; then K=$(head -c "$CS" -- "$F" | tail -n "$NL" | wc -c); echo "F $CID $CS lines $K $(hx "$F" ${HEAD_BYTES})"; head -c "$CS" -- "$F" | tail -n "$NL"; B=$((CS + 1))
elif { [ "$ID" = - ] || [ "$CID" = "$ID" ]; } && [ "$CS" -ge "$OFF" ]; then echo "F $CID $CS from $OFF"; B=$((OFF + 1))
else echo "F $CID $CS changed"; exit 0
fi
G=; case "$(tail --version 2>/dev/null)" in *GNU*) G="--pid=$$";; esac
tail -F -c +"$B" $G -- "$P" 2>&1 </dev/null &
${WATCHDOG}`;
}

export interface JournalSelector {
  unit: string | null;
  /** journalctl -p: a priority name or number, or a range such as "err..warning". */
  priority: string | null;
}

function journalFilters(sel: JournalSelector): string {
  const parts: string[] = [];
  if (sel.unit) parts.push('-u', shellQuote(sel.unit));
  if (sel.priority) parts.push('-p', shellQuote(sel.priority));
  return parts.join(' ');
}

/** Follows the journal as JSON, from the last N entries or after a cursor. Status `J ok` or `J none`. */
export function journalFollowScript(opts: { selector: JournalSelector; lines: number; cursor: string | null }): string {
  const from = opts.cursor ? `--after-cursor=${shellQuote(opts.cursor)}` : `-n ${int('lines', opts.lines)}`;
  return `command -v journalctl >/dev/null 2>&1 || { echo "J none"; exit 0; }
echo "J ok"
journalctl -f -o json --no-pager ${from} ${journalFilters(opts.selector)} 2>&1 </dev/null &
${WATCHDOG}`;
}

/**
 * Reads journal entries after a cursor (at most `max`), or with no cursor the newest `lines`
 * (default one, to learn where "now" is). Status `J ok` or `J none`.
 */
export function journalReadScript(opts: { selector: JournalSelector; cursor: string | null; max: number; lines?: number }): string {
  const from = opts.cursor ? `--after-cursor=${shellQuote(opts.cursor)}` : `-n ${int('lines', opts.lines ?? 1)}`;
  return `command -v journalctl >/dev/null 2>&1 || { echo "J none"; exit 0; }
echo "J ok"
journalctl -o json --no-pager ${from} ${journalFilters(opts.selector)} 2>&1 </dev/null | head -n ${int('max', opts.max)}
`;
}

/**
 * What a live tail skipped at a rotation, found by what it was rather than by where the name
 * points now (the name may have moved on again): `rest` reads the file with inode `id` from
 * `offset` wherever it now lives beside the name; `copy` reads the copytruncate copy (the newest
 * file beside it, not `id`, starting with `head`). Status `S - - old <from> <len> <size>` or
 * `S - - copy <from> <len> <size>` + bytes, else `S - - lost` / `S - - truncated`.
 */
export function catchUpScript(opts: { path: string; id: string; offset: number; max: number; head: string | null; mode: 'rest' | 'copy' }): string {
  return `F=${shellQuote(opts.path)}; ID=${idOrDash(opts.id)}; OFF=${int('offset', opts.offset)}; MAX=${int('max', opts.max)}; HX=${hexOrDash(opts.head)}
${HELPERS}case "\${F##*/}" in *.*) SF="\${F%.*}";; *) SF="$F";; esac
${
  opts.mode === 'rest'
    ? `for C in "$F" "$F"?* "$SF"?*; do
  [ -f "$C" ] || continue
  set -- $(stat -L -c '%d:%i %s' -- "$C" 2>/dev/null)
  if [ "$1" = "$ID" ]; then N=$(($2 - OFF)); [ "$N" -lt 0 ] && N=0; [ "$N" -gt "$MAX" ] && N=$MAX; echo "S - - old $OFF $N $2"; rd "$C" "$OFF" "$N"; exit 0; fi
done
echo "S - - lost"`
    : `B=; BS=0
if [ "$HX" != - ]; then
  for C in "$F"?* "$SF"?*; do
    [ -f "$C" ] || continue
    case "$C" in *.gz|*.xz|*.bz2|*.zst|*.lz4|*.Z) continue;; esac
    set -- $(stat -L -c '%d:%i %s' -- "$C" 2>/dev/null)
    [ "$1" = "$ID" ] && continue
    [ "\${2:-0}" -ge "$OFF" ] || continue
    [ "$(hx "$C" $((\${#HX} / 2)))" = "$HX" ] || continue
    if [ -z "$B" ] || [ "$C" -nt "$B" ]; then B=$C; BS=$2; fi
  done
fi
if [ -n "$B" ]; then N=$((BS - OFF)); [ "$N" -gt "$MAX" ] && N=$MAX; echo "S - - copy $OFF $N $BS"; rd "$B" "$OFF" "$N"; exit 0; fi
echo "S - - truncated"`
}
`;
}

/** The identity of the file under the name now: `I <device:inode>` or `I -`. */
export function identityScript(path: string): string {
  return `F=${shellQuote(path)}; set -- $(stat -L -c '%d:%i' -- "$F" 2>/dev/null); echo "I \${1:--}"
`;
}

/** The last N lines of a file, once: status `T ok` then the lines, or `T missing` / `T denied` / `T notfile`. */
export function lastLinesScript(path: string, lines: number): string {
  return `F=${shellQuote(path)}
if [ ! -e "$F" ]; then echo "T missing"; elif [ ! -f "$F" ]; then echo "T notfile"; elif [ ! -r "$F" ]; then echo "T denied"; else echo "T ok"; tail -n ${int('lines', lines)} -- "$F"; fi
`;
}

// Reads what a log file gained since a position, across rotations: the rest of a renamed file
// (found by its inode), then the new file from its start; the rest of a copytruncate copy
// (found by its first bytes), then the truncated file from its start. One call runs at most a
// few short scripts and returns at most `maxBytes` of log. Where lines cannot be recovered, the
// result carries a mark with the reason instead of pretending nothing was lost.
import { OpsError } from '../../../shared/errors';
import type { LogMarkKind } from '../../../shared/logs';
import { catchUpScript, HEAD_BYTES, identityScript, readScript } from './remote-scripts';
import { runScript, splitStatusLine, type ProcessOpener } from './run-script';

/** Where reading stopped in a file. `id` "0:0": the file did not exist; read what appears from its start. */
export interface FilePosition {
  id: string;
  offset: number;
  /** The file's first bytes in hex (at most HEAD_BYTES), to recognise its copy after a copytruncate. */
  head: string | null;
}

export const NOT_THERE_YET = '0:0';

export type ReadPart = { kind: 'bytes'; bytes: Buffer; from: 'file' | 'rotated' | 'copy' } | { kind: 'boundary' } | { kind: 'mark'; mark: LogMarkKind; data?: Record<string, string | number> };

export type FileState = 'ok' | 'missing' | 'denied' | 'notfile';

export interface ReadResult {
  parts: ReadPart[];
  /** null: the file was never seen (missing from the start, or unreadable). */
  position: FilePosition | null;
  state: FileState;
  /** The file's current size, when known. */
  size: number | null;
  /** Bytes left unread because of maxBytes (the next read continues). */
  behind: number;
}

const SCRIPT_TIMEOUT_MS = 15_000;
const MAX_STEPS = 4;

/** Extends a known head with bytes read from the file's start. */
function grownHead(head: string | null, offset: number, bytes: Buffer): string | null {
  const known = head ?? '';
  if (offset * 2 !== known.length || known.length >= HEAD_BYTES * 2) return head;
  const more = bytes.subarray(0, HEAD_BYTES - offset).toString('hex');
  return known + more || null;
}

/**
 * `position` null: find out where the file is now (its end) and read nothing: a source starts
 * counting from the moment it is added.
 */
export async function readSince(open: ProcessOpener, path: string, position: FilePosition | null, opts: { maxBytes: number }): Promise<ReadResult> {
  const parts: ReadPart[] = [];
  let pos = position;
  let budget = opts.maxBytes;
  for (let step = 0; step < MAX_STEPS; step++) {
    const script = readScript({ path, id: pos?.id ?? null, offset: pos?.offset ?? 0, max: Math.max(0, budget), head: pos?.head ?? null });
    const out = await runScript(open, script, { timeoutMs: SCRIPT_TIMEOUT_MS, maxBytes: budget + 512 });
    const split = splitStatusLine(out.stdout);
    if (!split || split.status[0] !== 'S') {
      throw new OpsError('COLLECT_FAILED', `Reading ${path} gave no answer OpsDeck understands${out.stderr ? `: ${out.stderr.trim().slice(0, 200)}` : ''}.`);
    }
    const [, cid = '-', csText = '0', mode = '', a = '0', , c = '0'] = split.status;
    const size = Number(csText);
    switch (mode) {
      case 'missing':
        return { parts, position: pos ?? { id: NOT_THERE_YET, offset: 0, head: null }, state: 'missing', size: null, behind: 0 };
      case 'notfile':
        return { parts, position: pos, state: 'notfile', size: null, behind: 0 };
      case 'denied':
        return { parts, position: pos, state: 'denied', size, behind: 0 };
      case 'start':
        return { parts, position: { id: cid, offset: size, head: a && a !== '0' ? a : null }, state: 'ok', size, behind: 0 };
      case 'data': {
        const from = Number(a);
        const bytes = split.data;
        if (bytes.length > 0) parts.push({ kind: 'bytes', bytes, from: 'file' });
        const head = grownHead(pos?.id === cid ? (pos?.head ?? null) : null, from, bytes);
        const next = { id: cid, offset: from + bytes.length, head };
        return { parts, position: next, state: 'ok', size, behind: Math.max(0, size - next.offset) };
      }
      case 'old':
      case 'copy': {
        const from = Number(a);
        const oldSize = Number(c);
        const bytes = split.data;
        if (bytes.length > 0) parts.push({ kind: 'bytes', bytes, from: mode === 'old' ? 'rotated' : 'copy' });
        budget -= bytes.length;
        parts.push({ kind: 'boundary' });
        const unread = oldSize - (from + bytes.length);
        if (mode === 'old') parts.push({ kind: 'mark', mark: 'rotated' });
        // The moment between the copy and the truncation is lost to every reader of copytruncate.
        else parts.push({ kind: 'mark', mark: 'truncated', data: { copyFound: 1 } });
        if (unread > 0) parts.push({ kind: 'mark', mark: 'gap', data: { reason: 'behind', bytes: unread } });
        pos = { id: cid, offset: 0, head: null };
        continue;
      }
      case 'lost':
        parts.push({ kind: 'boundary' });
        if (pos?.id === NOT_THERE_YET) parts.push({ kind: 'mark', mark: 'appeared' });
        else parts.push({ kind: 'mark', mark: 'gap', data: { reason: 'rotated-away' } });
        pos = { id: cid, offset: 0, head: null };
        continue;
      case 'truncated':
        parts.push({ kind: 'boundary' });
        parts.push({ kind: 'mark', mark: 'truncated', data: { copyFound: 0 } });
        pos = { id: cid, offset: 0, head: null };
        continue;
      default:
        throw new OpsError('COLLECT_FAILED', `Reading ${path} gave an unexpected status "${split.status.join(' ')}".`);
    }
  }
  // Rotated more often than one read can follow: carry on from the newest file next time.
  return { parts, position: pos, state: 'ok', size: null, behind: 0 };
}

/**
 * A live tail's catch-up at a rotation: the rest of the renamed file (`rest`, by inode) or of the
 * copytruncate copy (`copy`, by its first bytes), as parts ending with the boundary to the new
 * file. Never reads the file under the name now: tail reads that one.
 */
export async function readSkipped(open: ProcessOpener, path: string, from: FilePosition, mode: 'rest' | 'copy', maxBytes: number): Promise<ReadPart[]> {
  const out = await runScript(open, catchUpScript({ path, id: from.id, offset: from.offset, max: maxBytes, head: from.head, mode }), { timeoutMs: SCRIPT_TIMEOUT_MS, maxBytes: maxBytes + 512 });
  const split = splitStatusLine(out.stdout);
  if (!split || split.status[0] !== 'S') throw new OpsError('COLLECT_FAILED', `Reading what ${path} had before its rotation gave no answer OpsDeck understands.`);
  const [, , , status = '', a = '0', , c = '0'] = split.status;
  const parts: ReadPart[] = [];
  if ((status === 'old' || status === 'copy') && split.data.length > 0) parts.push({ kind: 'bytes', bytes: split.data, from: status === 'old' ? 'rotated' : 'copy' });
  parts.push({ kind: 'boundary' });
  if (status === 'old') parts.push({ kind: 'mark', mark: 'rotated' });
  else if (status === 'copy') parts.push({ kind: 'mark', mark: 'truncated', data: { copyFound: 1 } });
  else if (status === 'truncated') parts.push({ kind: 'mark', mark: 'truncated', data: { copyFound: 0 } });
  else parts.push({ kind: 'mark', mark: 'gap', data: { reason: 'rotated-away' } });
  const unread = Number(c) - (Number(a) + split.data.length);
  if ((status === 'old' || status === 'copy') && unread > 0) parts.push({ kind: 'mark', mark: 'gap', data: { reason: 'behind', bytes: unread } });
  return parts;
}

/** The device:inode under the name now, or null when there is no file. */
export async function fileIdentity(open: ProcessOpener, path: string): Promise<string | null> {
  const out = await runScript(open, identityScript(path), { timeoutMs: SCRIPT_TIMEOUT_MS, maxBytes: 1024 });
  const m = /^I (\d+:\d+)/.exec(out.stdout.toString('latin1'));
  return m ? m[1]! : null;
}

// PURE (no I/O, no clock): bytes as they arrive from `tail` or a read of a file, into lines.
// A line is decoded once it is whole (its kept bytes gathered across chunks), so a character split
// across two chunks stays whole and invalid bytes become U+FFFD. A line longer than the cap keeps its
// first `maxLineBytes` bytes (cut at a character boundary) and is marked cut; the rest is only
// counted, so memory stays bounded on a 1 GB line. Bytes are counted exactly: a reader's offset
// into the file advances by `bytes` of each complete line.
import { MAX_LINE_BYTES } from '../../../shared/logs';

export interface SplitLine {
  text: string;
  /** Bytes of the line in the input, its newline included. */
  bytes: number;
  cut: boolean;
}

const NEWLINE = 0x0a;

/** The largest index <= limit that does not split a UTF-8 character in bytes[start..]. */
function charBoundary(bytes: Uint8Array, start: number, limit: number): number {
  let end = limit;
  // Back up over continuation bytes (10xxxxxx), then past their lead byte if the sequence is incomplete.
  let back = 0;
  while (end > start && back < 3 && (bytes[end]! & 0xc0) === 0x80) {
    end--;
    back++;
  }
  return end;
}

export class LineSplitter {
  /** The line's first bytes, at most the cap and one more (to see whether the cap splits a character). */
  private kept: Uint8Array[] = [];
  private keptBytes = 0;
  /** Bytes of the current line seen so far (kept or not). */
  private seen = 0;

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  /** Bytes of a line still open (no newline yet): not part of any returned line. */
  get pendingBytes(): number {
    return this.seen;
  }

  push(chunk: Uint8Array): SplitLine[] {
    const out: SplitLine[] = [];
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, start);
      const end = nl === -1 ? chunk.length : nl;
      this.take(chunk, start, end);
      if (nl === -1) break;
      this.seen += 1;
      out.push(this.finish());
      start = nl + 1;
    }
    return out;
  }

  /** The open line as a line of its own (end of input): null when there is none. */
  flush(): SplitLine | null {
    if (this.seen === 0) return null;
    return this.finish(false);
  }

  private take(chunk: Uint8Array, start: number, end: number): void {
    this.seen += end - start;
    const room = this.maxLineBytes + 1 - this.keptBytes;
    if (room <= 0 || end === start) return;
    // A copy: the caller may reuse its buffer. Decoding waits for the whole line, so where the
    // input was split into chunks cannot change the text (nor where a cut falls).
    const part = chunk.slice(start, Math.min(end, start + room));
    this.kept.push(part);
    this.keptBytes += part.length;
  }

  private finish(newline = true): SplitLine {
    const raw = Buffer.concat(this.kept, this.keptBytes);
    const lineBytes = this.seen - (newline ? 1 : 0);
    const cut = lineBytes > this.maxLineBytes;
    const stop = cut ? charBoundary(raw, 0, this.maxLineBytes) : raw.length;
    let text = new TextDecoder('utf-8', { fatal: false }).decode(raw.subarray(0, stop));
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const line = { text, bytes: this.seen, cut };
    this.kept = [];
    this.keptBytes = 0;
    this.seen = 0;
    return line;
  }
}

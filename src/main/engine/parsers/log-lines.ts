// PURE (no I/O, no clock): bytes as they arrive from `tail` or a read of a file, into lines.
// A line is decoded as a stream with TextDecoder ({ stream: true }), so a character split across
// two chunks stays whole and invalid bytes become U+FFFD. A line longer than the cap keeps its
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
  private decoder = new TextDecoder('utf-8', { fatal: false });
  private text = '';
  /** Bytes of the current line seen so far (kept or not). */
  private seen = 0;
  /** Bytes of the current line decoded into `text` (at most the cap). */
  private kept = 0;
  private cut = false;

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
    return this.finish();
  }

  private take(chunk: Uint8Array, start: number, end: number): void {
    const length = end - start;
    this.seen += length;
    if (this.cut || length === 0) return;
    const room = this.maxLineBytes - this.kept;
    if (length <= room) {
      this.text += this.decoder.decode(chunk.subarray(start, end), { stream: true });
      this.kept += length;
      return;
    }
    const stop = charBoundary(chunk, start, start + room);
    this.text += this.decoder.decode(chunk.subarray(start, stop), { stream: true });
    this.kept += stop - start;
    this.cut = true;
  }

  private finish(): SplitLine {
    let text = this.text + this.decoder.decode();
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const line = { text, bytes: this.seen, cut: this.cut };
    this.text = '';
    this.seen = 0;
    this.kept = 0;
    this.cut = false;
    // A decoder left mid-sequence by a cut would carry bytes into the next line.
    this.decoder = new TextDecoder('utf-8', { fatal: false });
    return line;
  }
}

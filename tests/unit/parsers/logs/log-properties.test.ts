// Property-based checks of the log parsers: any bytes in any chunking give the same lines and
// count every byte; grouping keeps every line exactly once, in order; nothing throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOG_LEVELS } from '../../../../src/shared/logs';
import { EventGrouper } from '../../../../src/main/engine/parsers/log-events';
import { detectLevel } from '../../../../src/main/engine/parsers/log-level';
import { LineSplitter, type SplitLine } from '../../../../src/main/engine/parsers/log-lines';
import { parseJournalLine } from '../../../../src/main/engine/parsers/journal-entry';
import { logLines } from './log-fixture';

// Bytes that exercise UTF-8: ASCII, newlines, CR, lead and continuation bytes, invalid ones.
const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.constantFrom(0x0a, 0x0d, 0xe2, 0x80, 0x82, 0xea, 0xb0, 0x80, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0xc3, 0x28));
const bytes = fc.uint8Array({ maxLength: 600 }).chain((noise) => fc.array(byte, { maxLength: 600 }).map((b) => Uint8Array.from([...b, ...noise.subarray(0, 20)])));
const cuts = fc.array(fc.nat(), { maxLength: 12 });

function splitAll(input: Uint8Array, at: number[], cap: number): { lines: SplitLine[]; pending: number } {
  const s = new LineSplitter(cap);
  const points = [...new Set(at.map((a) => a % (input.length + 1)))].sort((a, b) => a - b);
  const lines: SplitLine[] = [];
  let from = 0;
  for (const p of [...points, input.length]) {
    lines.push(...s.push(input.subarray(from, p)));
    from = p;
  }
  return { lines, pending: s.pendingBytes };
}

describe('LineSplitter properties', () => {
  it('gives the same lines however the input is chunked, and counts every byte once', () => {
    fc.assert(
      fc.property(bytes, cuts, fc.integer({ min: 4, max: 64 }), (input, at, cap) => {
        const whole = splitAll(input, [], cap);
        const chunked = splitAll(input, at, cap);
        expect(chunked).toEqual(whole);
        expect(chunked.lines.reduce((n, l) => n + l.bytes, 0) + chunked.pending).toBe(input.length);
        for (const line of chunked.lines) expect(line.text.length).toBeLessThanOrEqual(cap);
      }),
      { numRuns: 400 },
    );
  });

  it('gives back valid UTF-8 lines exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\n') && !s.endsWith('\r')), { maxLength: 20 }), cuts, (texts, at) => {
        const input = new TextEncoder().encode(texts.map((t) => `${t}\n`).join(''));
        expect(splitAll(input, at, 1 << 20).lines.map((l) => l.text)).toEqual(texts);
      }),
    );
  });
});

describe('EventGrouper properties', () => {
  const real = ['java-jul-stacktrace.log', 'python-logging-traceback.log', 'go-panic.log', 'nginx-error.log', 'pino.jsonl'].flatMap(logLines);
  const line = fc.oneof(fc.constantFrom(...real), fc.string({ maxLength: 40 }).map((s) => s.replace(/\n/g, ' ')), fc.constantFrom('', '\tat x.y(Z.java:1)', 'Traceback (most recent call last):', 'panic: boom'));

  it('keeps every line exactly once, in order, and starts one counted event per event', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 80 }), (lines) => {
        const g = new EventGrouper();
        const events = [];
        let started = 0;
        for (const l of lines) {
          const r = g.push(l);
          events.push(...r.done);
          if (r.started) started++;
        }
        const last = g.flush();
        if (last) events.push(last);
        expect(started).toBe(events.length);
        // Trailing blank lines of an event are dropped; everything else survives in order.
        const kept = events.flatMap((e) => e.lines);
        const nonBlank = (xs: string[]) => xs.filter((x) => x !== '');
        expect(nonBlank(kept)).toEqual(nonBlank(lines));
        for (const e of events) expect(LOG_LEVELS).toContain(e.level);
      }),
      { numRuns: 300 },
    );
  });
});

describe('detectLevel and parseJournalLine never throw', () => {
  it('on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const level = detectLevel(text);
        expect(level === null || LOG_LEVELS.includes(level)).toBe(true);
        parseJournalLine(text);
        parseJournalLine(`{${text}`);
      }),
      { numRuns: 500 },
    );
  });
});

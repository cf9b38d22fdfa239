import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../../src/main/engine/parsers/log-lines';

const enc = (s: string) => new TextEncoder().encode(s);

describe('LineSplitter', () => {
  it('keeps a multi-byte character whole when it is split across two writes', () => {
    const bytes = enc('주문 실패\n');
    const s = new LineSplitter();
    const out = [...s.push(bytes.subarray(0, 2)), ...s.push(bytes.subarray(2, 5)), ...s.push(bytes.subarray(5))];
    expect(out).toEqual([{ text: '주문 실패', bytes: bytes.length, cut: false }]);
  });

  it('turns invalid UTF-8 into U+FFFD and counts every byte', () => {
    const s = new LineSplitter();
    const out = s.push(Uint8Array.from([0x61, 0xff, 0xc3, 0x28, 0x62, 0x0a]));
    expect(out).toEqual([{ text: 'a\uFFFD\uFFFD(b', bytes: 6, cut: false }]);
  });

  it('cuts a long line at the cap on a character boundary, marks it and counts the rest', () => {
    const s = new LineSplitter(10);
    const line = `${'가'.repeat(5)}tail\n`; // 15 bytes of 가 then 4 + 1
    const out = s.push(enc(line));
    expect(out).toEqual([{ text: '가가가', bytes: 20, cut: true }]);
  });

  it('strips a CR before the newline and holds an unfinished line until it ends', () => {
    const s = new LineSplitter();
    expect(s.push(enc('a\r\nb'))).toEqual([{ text: 'a', bytes: 3, cut: false }]);
    expect(s.pendingBytes).toBe(1);
    expect(s.flush()).toEqual({ text: 'b', bytes: 1, cut: false });
    expect(s.flush()).toBeNull();
  });

  it('keeps memory to the cap while a 64 MiB line streams through in 64 KiB chunks', () => {
    const s = new LineSplitter(64 * 1024);
    const chunk = new Uint8Array(64 * 1024).fill(0x41);
    for (let i = 0; i < 1024; i++) expect(s.push(chunk)).toEqual([]);
    const [line] = s.push(enc('\n'));
    expect(line!.text.length).toBe(64 * 1024);
    expect(line!.bytes).toBe(64 * 1024 * 1024 + 1);
    expect(line!.cut).toBe(true);
  });
});

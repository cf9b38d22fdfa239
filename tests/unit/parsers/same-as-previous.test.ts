// The allocation-light /proc parsers (issue 15) must give exactly the results of the
// implementation they replaced, kept in reference/previous-proc-parsers.ts as the oracle, on
// real captures, generated /proc texts and garbage alike.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compositeMarkerPrefix, splitCompositeSections } from '../../../src/main/engine/parsers/composite-sections';
import { isWholePhysicalDisk, parseDiskstats } from '../../../src/main/engine/parsers/diskstats';
import { parseLoadavg } from '../../../src/main/engine/parsers/loadavg';
import { parseMeminfo } from '../../../src/main/engine/parsers/meminfo';
import { parseNetDev } from '../../../src/main/engine/parsers/net-dev';
import { counterAt, decimalAt, fields, isTrimmedSpace, parseDecimal, TokenScanner } from '../../../src/main/engine/parsers/numbers';
import { NO_PROC_BASELINES, procMetrics, type ProcBaselines, type ProcTexts } from '../../../src/main/engine/parsers/proc-metrics';
import { parseProcStat } from '../../../src/main/engine/parsers/proc-stat';
import { parseUptime } from '../../../src/main/engine/parsers/uptime';
import { fixture } from './fixture';
import * as previous from './reference/previous-proc-parsers';

const SYSTEMS = ['debian12-kernel6.18-vm', 'rhel5-kernel2.6.18', 'ubuntu22.04-laptop-kernel5.15'];
const FILES = { stat: 'stat', meminfo: 'meminfo', loadavg: 'loadavg', diskstats: 'diskstats', netDev: 'net/dev', uptime: 'uptime' } as const;
type Section = keyof typeof FILES;
const capture = (system: string, section: Section): string => fixture(`${system}/${FILES[section]}`);

// Tokens around every rule: digit counts at 15/16/20/21 (exact vs rounded, accepted vs not),
// decimals, signs, exponents, hex, separators and the whitespace trim() removes but fields() keeps.
const NUMBERS = ['0', '7', '42', '0012', '123456789012345', '9007199254740993', '12345678901234567', '18446744073709551615', '99999999999999999999', '123456789012345678901'];
const DECIMALS = ['0.65', '236.95', '1.0', '00.5', '1.', '.5', '1..2', '12345678901234567.5', '0.000000000000000001', '1.123456789012345678901', '1234567.12345678'];
const GARBAGE = ['-1', '+1', '1e3', '0x1f', 'NaN', 'Infinity', 'x', '|', ':', '/', '1/88', '1/', '/5', '1/2/3', '٣', '１'];
const SPACES = [' ', '  ', '\t', ' \t ', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2028', '\u202f', '\u3000', '\ufeff', '\u180e', '\u200b'];
const NAMES = ['sda', 'sda1', 'vda', 'xvda1', 'nvme0n1', 'nvme0n1p1', 'mmcblk0p2', 'dm-0', 'md0', 'md127', 'loop0', 'loop0p1', 'loop0p1p2', 'zram0', 'sr0', 'eth0', 'lo', 'veth1a2b', 'docker0', 'wlp2s0', 'a\rb1', '\r1', 'cpu', 'cpu0', 'cpu12', 'cpuX', 'cpu1x', 'processes', 'procs_running', 'procs_blocked', 'btime', 'intr', 'MemTotal', 'MemFree', 'MemAvailable', 'Buffers', 'Cached', 'SwapTotal', 'SwapFree', 'HugePages_Total', 'kB', 'KB'];

const space = fc.constantFrom(...SPACES);
// Random digit strings of 1 to 21 digits (leading zeros too), and decimals made of them.
const digits = fc.tuple(fc.integer({ min: 1, max: 21 }), fc.bigInt({ min: 0n, max: 10n ** 21n - 1n })).map(([length, n]) => String(n).padStart(21, '0').slice(-length));
const decimal = fc.tuple(digits, digits).map(([a, b]) => `${a}.${b}`);
const mostlyCounter = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...NUMBERS) }, { weight: 3, arbitrary: digits }, { weight: 1, arbitrary: fc.constantFrom(...DECIMALS, ...GARBAGE) });
const anyToken = fc.constantFrom(...NUMBERS, ...DECIMALS, ...GARBAGE, ...NAMES);
const sep = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(' ', '\t', '   ') }, { weight: 1, arbitrary: space });
const lead = fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: space });

/** Tokens joined by generated separators, with optional leading and trailing whitespace. */
const joined = (tokens: fc.Arbitrary<string[]>): fc.Arbitrary<string> =>
  fc.tuple(lead, tokens, fc.array(sep, { minLength: 40, maxLength: 40 }), lead).map(([a, ts, ss, z]) => a + ts.map((t, i) => (i === 0 ? t : (ss[i % ss.length] ?? ' ') + t)).join('') + z);
const counters = (lengths: number[]): fc.Arbitrary<string[]> => fc.constantFrom(...lengths).chain((n) => fc.array(mostlyCounter, { minLength: n, maxLength: n }));

const diskLine = joined(fc.tuple(mostlyCounter, mostlyCounter, fc.constantFrom(...NAMES), counters([0, 3, 4, 5, 10, 11, 14, 15, 17, 18])).map(([a, b, n, c]) => [a, b, n, ...c]));
const netLine = fc
  .tuple(lead, fc.constantFrom(...NAMES, 'face |bytes', 'Inter-|', 'eth 0', ''), lead, fc.constantFrom(':', ': ', ':\t'), joined(counters([15, 16, 17])))
  .map(([a, name, b, colon, rest]) => `${a}${name}${b}${colon}${rest}`);
const statLine = joined(fc.tuple(fc.constantFrom(...NAMES), counters([0, 1, 3, 4, 7, 8, 10, 12])).map(([label, c]) => [label, ...c]));
const memLine = fc
  .tuple(lead, fc.constantFrom(...NAMES, ''), lead, fc.constantFrom(':', '::', ''), joined(fc.tuple(mostlyCounter, fc.constantFrom('kB', 'KB', 'kB extra', ''))))
  .map(([a, key, b, colon, rest]) => `${a}${key}${b}${colon}${rest}`);
const decimalLine = joined(fc.array(fc.oneof(fc.constantFrom(...DECIMALS, ...NUMBERS, ...GARBAGE), decimal, digits), { maxLength: 6 }));
const garbageLine = fc.oneof(joined(fc.array(anyToken, { maxLength: 8 })), fc.string({ unit: 'binary', maxLength: 60 }));

/** A text of generated lines (some garbage), joined by \n or \r\n, or a capture with a piece spliced in. */
function texts(line: fc.Arbitrary<string>, section: Section): fc.Arbitrary<string> {
  const lines = fc.array(fc.oneof({ weight: 5, arbitrary: line }, { weight: 1, arbitrary: garbageLine }), { maxLength: 12 });
  const generated = fc.tuple(lines, fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([ls, nl, end]) => ls.join(nl) + (end ? nl : ''));
  const spliced = fc
    .tuple(fc.constantFrom(...SYSTEMS), fc.nat(), fc.oneof(anyToken, space, garbageLine, fc.constant('\n')))
    .map(([system, at, piece]) => {
      const text = capture(system, section);
      const i = at % (text.length + 1);
      return text.slice(0, i) + piece + text.slice(i);
    });
  return fc.oneof(generated, spliced, fc.string({ unit: 'binary', maxLength: 200 }));
}

const RUNS = { numRuns: 1500 };
const sameAs = <T>(now: (s: string) => T, before: (s: string) => T) => (text: string) => {
  expect(now(text)).toStrictEqual(before(text));
};

describe('allocation-light /proc parsers give the previous results', () => {
  it('on the real captures', () => {
    for (const system of SYSTEMS) {
      expect(parseDiskstats(capture(system, 'diskstats'))).toStrictEqual(previous.parseDiskstats(capture(system, 'diskstats')));
      expect(parseNetDev(capture(system, 'netDev'))).toStrictEqual(previous.parseNetDev(capture(system, 'netDev')));
      expect(parseProcStat(capture(system, 'stat'))).toStrictEqual(previous.parseProcStat(capture(system, 'stat')));
      expect(parseMeminfo(capture(system, 'meminfo'))).toStrictEqual(previous.parseMeminfo(capture(system, 'meminfo')));
      expect(parseLoadavg(capture(system, 'loadavg'))).toStrictEqual(previous.parseLoadavg(capture(system, 'loadavg')));
      expect(parseUptime(capture(system, 'uptime'))).toStrictEqual(previous.parseUptime(capture(system, 'uptime')));
    }
  });

  it('whole-disk test on device names, with their would-be parents listed or not', () => {
    const part = fc.constantFrom('sda', 'nvme0n1', 'loop0p1', 'md', 'p', '0', '12', 'p1', 'a', '\r', '\u2028', '\n', '-', '');
    const name = fc.array(part, { maxLength: 5 }).map((p) => p.join(''));
    fc.assert(
      fc.property(name, fc.array(fc.oneof(name, fc.constantFrom(...NAMES)), { maxLength: 6 }), fc.nat(6), (device, others, cut) => {
        // Often list a prefix of the device, as a partition's disk would be.
        const listed = new Set([...others, device.slice(0, Math.max(0, device.length - cut))]);
        expect(isWholePhysicalDisk(device, listed)).toBe(previous.isWholePhysicalDisk(device, listed));
      }),
      { numRuns: 5000 },
    );
  });

  it('diskstats', () => fc.assert(fc.property(texts(diskLine, 'diskstats'), sameAs(parseDiskstats, previous.parseDiskstats)), RUNS));
  it('net/dev', () => fc.assert(fc.property(texts(netLine, 'netDev'), sameAs(parseNetDev, previous.parseNetDev)), RUNS));
  it('proc/stat', () => fc.assert(fc.property(texts(statLine, 'stat'), sameAs(parseProcStat, previous.parseProcStat)), RUNS));
  it('meminfo', () => fc.assert(fc.property(texts(memLine, 'meminfo'), sameAs(parseMeminfo, previous.parseMeminfo)), RUNS));
  it('loadavg', () => fc.assert(fc.property(texts(decimalLine, 'loadavg'), sameAs(parseLoadavg, previous.parseLoadavg)), RUNS));
  it('uptime', () => fc.assert(fc.property(texts(decimalLine, 'uptime'), sameAs(parseUptime, previous.parseUptime)), RUNS));
});

describe('scanning helpers agree with the token functions they stand in for', () => {
  it('isTrimmedSpace is exactly the set of code units /\\s/ and trim() remove', () => {
    const differing: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (isTrimmedSpace(c) !== /\s/.test(ch) || isTrimmedSpace(c) !== (`a${ch}`.trim() === 'a')) differing.push(c);
    }
    expect(differing).toEqual([]);
  });

  const token = fc.oneof(anyToken, digits, decimal, fc.constantFrom(...SPACES), fc.string({ unit: 'binary', maxLength: 24 }));
  const padded = fc.tuple(fc.string({ maxLength: 4 }), token, fc.string({ maxLength: 4 }));

  it('counterAt and decimalAt read a slice in place as parseCounter and parseDecimal read it', () => {
    fc.assert(
      fc.property(padded, ([before, t, after]) => {
        const text = before + t + after;
        const [from, to] = [before.length, before.length + t.length];
        expect(counterAt(text, from, to)).toBe(previous.parseCounter(t));
        expect(decimalAt(text, from, to)).toBe(previous.parseDecimal(t));
        expect(parseDecimal(t)).toBe(previous.parseDecimal(t));
      }),
      { numRuns: 5000 },
    );
  });

  it('TokenScanner walks a slice into the tokens fields() returns for it, reading each as parseCounter does', () => {
    const line = fc.array(fc.oneof(token, space), { maxLength: 10 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.string({ maxLength: 3 }), line, fc.string({ maxLength: 3 }), (before, l, after) => {
        const scan = new TokenScanner(before + l + after).reset(before.length, before.length + l.length);
        const tokens: string[] = [];
        const counters: (number | null)[] = [];
        while (scan.next()) {
          tokens.push(scan.token());
          counters.push(scan.counter());
        }
        expect(tokens).toEqual(fields(l));
        expect(counters).toEqual(fields(l).map(previous.parseCounter));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('composite output and per-poll metrics give the previous results', () => {
  const prefix = compositeMarkerPrefix('0123456789abcdef', 42);
  const piece = fc.oneof(
    fc.constantFrom(`\n${prefix}`, `\n${prefix}S:`, `\n${prefix}begin\n`, `\n${prefix}end\n`, `${prefix}end\n`, '\n', 'S:', 'x'),
    fc.constantFrom('/proc/stat', '/proc/uptime', 'df', ''),
    fc.string({ unit: 'binary', maxLength: 30 }),
  );
  const output = fc.tuple(fc.string({ maxLength: 6 }), fc.array(piece, { maxLength: 16 }), fc.nat()).map(([banner, pieces, cut]) => {
    const text = `${banner}\n${prefix}begin\n${pieces.join('')}\n${prefix}end\n`;
    return cut % 4 === 0 ? text.slice(0, cut % (text.length + 1)) : text;
  });

  it('splitCompositeSections, sections in the same order', () => {
    const entries = (p: ReturnType<typeof splitCompositeSections>) => (p.ok ? [...p.sections] : p);
    fc.assert(
      fc.property(fc.oneof(output, fc.constantFrom(`\n${prefix}begin\n${prefix}end\n`, `\n${prefix}begin\n\n${prefix}end\n`)), (out) => {
        expect(entries(splitCompositeSections(out, prefix))).toStrictEqual(entries(previous.splitCompositeSections(out, prefix)));
      }),
      RUNS,
    );
  });

  it('procMetrics over a run of polls, each side keeping its own baselines', () => {
    const maybe = (section: Section, line: fc.Arbitrary<string>) => fc.option(fc.oneof(fc.constantFrom(...SYSTEMS.map((s) => capture(s, section))), texts(line, section)), { nil: null, freq: 6 });
    const poll = fc.record<ProcTexts>({
      stat: maybe('stat', statLine),
      meminfo: maybe('meminfo', memLine),
      loadavg: maybe('loadavg', decimalLine),
      diskstats: maybe('diskstats', diskLine),
      netDev: maybe('netDev', netLine),
      uptime: maybe('uptime', decimalLine),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(poll, fc.integer({ min: -1_000, max: 10_000 })), { minLength: 1, maxLength: 5 }), (polls) => {
        let now: ProcBaselines = NO_PROC_BASELINES;
        let before: previous.ProcBaselines = previous.NO_PROC_BASELINES;
        let ts = 0;
        for (const [texts, dt] of polls) {
          ts += dt;
          const a = procMetrics(texts, ts, now);
          const b = previous.procMetrics(texts, ts, before);
          expect(a.reading).toStrictEqual(b.reading);
          now = a.baselines;
          before = b.baselines;
        }
      }),
      { numRuns: 500 },
    );
  });
});

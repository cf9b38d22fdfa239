// shellQuote is the only way a string reaches a remote shell; /bin/sh itself is the judge.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellCommand, shellQuote } from '../../../src/main/engine/transport/shell-quote';

/** Runs one sh that prints every quoted word back, NUL-separated. */
function echoThroughSh(values: string[]): string[] {
  const script = values.map((v) => `printf '%s\\0' ${shellQuote(v)}`).join('\n');
  return execFileSync('/bin/sh', ['-c', script], { encoding: 'utf8' }).split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  it('leaves plain words alone and single-quotes everything else', () => {
    expect(shellQuote('/proc/net/dev')).toBe('/proc/net/dev');
    expect(shellQuote('web-01.example.com:22')).toBe('web-01.example.com:22');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('two words')).toBe("'two words'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  it('passes hostile strings to sh as one literal word', () => {
    const hostile = ['$(reboot)', '`id`', '; rm -rf /', "'; echo pwned; '", '"$HOME"', 'a\nb', '*', '~root', '-n', '\\', "''", '#x', '&&', '|', '>f', '!'];
    expect(echoThroughSh(hostile)).toEqual(hostile);
  });

  it('round-trips any string without NUL through sh (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\0')), { minLength: 1, maxLength: 25 }), (values) => {
        expect(echoThroughSh(values)).toEqual(values);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a NUL byte, which no shell word can hold', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });

  it('quotes each word of a command line', () => {
    expect(shellCommand(['tail', '-n', '100', '/var/log/my app.log'])).toBe("tail -n 100 '/var/log/my app.log'");
  });
});

// Splitting composite output into sections, and the generated script run by a real /bin/sh.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compositeMarkerPrefix, findCompositeEnd, splitCompositeSections } from '../../../src/main/engine/parsers/composite-sections';
import { buildCompositeScript, FAST_SECTIONS, sectionName, SLOW_SECTIONS, type SectionSpec } from '../../../src/main/engine/transport/composite-script';

const NONCE = '0123456789abcdef0123456789abcdef';
const prefix = compositeMarkerPrefix(NONCE, 7);

/** Output framed exactly as the script frames it. */
function frame(sections: Array<[string, string]>, p = prefix): string {
  return `\n${p}begin\n${sections.map(([name, text]) => `\n${p}S:${name}\n${text}`).join('')}\n${p}end\n`;
}

const runLocally = (script: string): string => execFileSync('/bin/sh', [], { input: script, encoding: 'utf8' });

describe('splitCompositeSections', () => {
  it('returns each section with its exact content, with or without a final newline', () => {
    const parsed = splitCompositeSections(frame([['/proc/loadavg', '0.1 0.2 0.3 1/2 3\n'], ['uname', 'Linux x 6.1 x86_64'], ['empty', '']]), prefix);
    expect(parsed).toEqual({
      ok: true,
      sections: new Map([['/proc/loadavg', '0.1 0.2 0.3 1/2 3\n'], ['uname', 'Linux x 6.1 x86_64'], ['empty', '']]),
    });
  });

  it('ignores a login banner printed before the begin marker', () => {
    const parsed = splitCompositeSections(`Welcome to web-01!\n${frame([['a', 'x\n']])}`, prefix);
    expect(parsed.ok && parsed.sections.get('a')).toBe('x\n');
  });

  it('treats a marker with another nonce or another poll number as plain content', () => {
    const forged = ['', `${compositeMarkerPrefix('f'.repeat(32), 7)}S:evil`, `${compositeMarkerPrefix(NONCE, 6)}end`, 'after'].join('\n');
    const parsed = splitCompositeSections(frame([['ps', `${forged}\n`]]), prefix);
    expect(parsed.ok && [...parsed.sections.keys()]).toEqual(['ps']);
    expect(parsed.ok && parsed.sections.get('ps')).toBe(`${forged}\n`);
  });

  it('reports output without an end marker as incomplete', () => {
    expect(splitCompositeSections(frame([['a', 'x']]).replace(`${prefix}end`, ''), prefix)).toMatchObject({ ok: false, reason: 'incomplete' });
    expect(splitCompositeSections('', prefix)).toMatchObject({ ok: false, reason: 'incomplete' });
  });

  it('reports stray output, an unknown marker or a repeated section as garbled', () => {
    expect(splitCompositeSections(`\n${prefix}begin\nstray\n${frame([]).slice(`\n${prefix}begin\n`.length)}`, prefix)).toMatchObject({ ok: false, reason: 'garbled' });
    expect(splitCompositeSections(frame([['a', '']]).replace('S:a', 'X:a'), prefix)).toMatchObject({ ok: false, reason: 'garbled' });
    expect(splitCompositeSections(frame([['a', '1'], ['a', '2']]), prefix)).toMatchObject({ ok: false, reason: 'garbled' });
  });

  it('round-trips arbitrary section contents (property)', () => {
    const name = fc.stringMatching(/^[a-z/][a-z0-9/._-]{0,20}$/);
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, fc.string({ unit: 'binary', maxLength: 200 })), { selector: ([n]) => n, maxLength: 8 }), (sections) => {
        const parsed = splitCompositeSections(frame(sections), prefix);
        expect(parsed).toEqual({ ok: true, sections: new Map(sections) });
      }),
    );
  });

  it('finds the end marker when output arrives in pieces', () => {
    const output = frame([['a', 'x\n']]);
    for (let cut = 0; cut < output.length; cut++) {
      const head = output.slice(0, cut);
      expect(findCompositeEnd(head, prefix)).toBe(-1);
      expect(findCompositeEnd(output, prefix, head.length)).toBe(output.length);
    }
  });
});

describe('the composite script under /bin/sh', () => {
  it('reads every fast-cadence file in one pass and frames it', () => {
    const parsed = splitCompositeSections(runLocally(buildCompositeScript(FAST_SECTIONS, prefix)), prefix);
    if (!parsed.ok) throw new Error(parsed.detail);
    expect([...parsed.sections.keys()]).toEqual(FAST_SECTIONS.map(sectionName));
    expect(parsed.sections.get('/proc/stat')).toMatch(/^cpu /);
    expect(parsed.sections.get('/proc/uptime')).toMatch(/^\d+\.\d+ \d+\.\d+\n$/);
  });

  it('runs the slow-cadence commands (df, ps, uname, os-release)', () => {
    const parsed = splitCompositeSections(runLocally(buildCompositeScript(SLOW_SECTIONS, prefix)), prefix);
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.sections.get('df')).toMatch(/^Filesystem\s+Type/);
    expect(parsed.sections.get('ps')).toMatch(/^\s*\d+\s+\d/);
    expect(parsed.sections.get('uname')).toMatch(/^Linux /);
    expect(parsed.sections.get('os-release')).toMatch(/NAME=/);
  });

  it('leaves out unreadable files without losing the others, and quotes odd paths', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "opsdeck it's here "));
    const odd = path.join(dir, '$(touch pwned) `x`');
    fs.writeFileSync(odd, 'odd content\n');
    const sections: SectionSpec[] = [{ kind: 'file', path: '/nonexistent/file' }, { kind: 'file', path: odd }, { kind: 'file', path: '/proc/loadavg' }];
    const parsed = splitCompositeSections(runLocally(buildCompositeScript(sections, prefix)), prefix);
    expect(parsed.ok && [...parsed.sections.entries()].map(([k]) => k)).toEqual([odd, '/proc/loadavg']);
    expect(parsed.ok && parsed.sections.get(odd)).toBe('odd content\n');
    expect(fs.existsSync('pwned') || fs.existsSync(path.join(dir, 'pwned'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a command that reads stdin from swallowing the rest of the script', () => {
    const sections: SectionSpec[] = [
      { kind: 'command', name: 'greedy', command: 'cat' },
      { kind: 'command', name: 'after', command: 'echo still here' },
    ];
    const parsed = splitCompositeSections(runLocally(buildCompositeScript(sections, prefix)), prefix);
    expect(parsed.ok && parsed.sections.get('greedy')).toBe('');
    expect(parsed.ok && parsed.sections.get('after')).toBe('still here\n');
  });
});

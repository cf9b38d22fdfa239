import { describe, expect, it } from 'vitest';
import { parseDuration, parseRulesFile, writeRulesFile } from '../../../src/main/engine/alerts/rules-file';

const MINIMAL = `rules:
  - name: memory-in-use
    metric: mem.used
    above: 0.1
    for: 5s
    severity: warning
channels:
  - name: local-hook
    type: webhook
    url: http://127.0.0.1:8099/hook
`;

function issuesOf(text: string) {
  try {
    parseRulesFile(text);
  } catch (err) {
    return { code: (err as { code: string }).code, message: (err as Error).message, issues: (err as { issues: Array<{ line: number | null; path: string; message: string }> }).issues };
  }
  throw new Error('expected the file to be refused');
}

describe('the rules file', () => {
  it('accepts the minimal file of issue 12 as it is', () => {
    const file = parseRulesFile(MINIMAL);
    expect(file.rules).toEqual([
      {
        id: 'memory-in-use',
        label: null,
        metric: 'mem.used',
        condition: { kind: 'threshold', direction: 'above', threshold: 0.1, recovery: null },
        forMs: 5_000,
        recoverForMs: 0,
        keepFiringForMs: 0,
        severity: 'warning',
        targets: [],
        services: [],
        kinds: [],
        channels: null,
        enabled: true,
        description: null,
        overrides: [],
      },
    ]);
    expect(file.channels).toEqual([{ name: 'local-hook', type: 'webhook', url: 'http://127.0.0.1:8099/hook' }]);
  });

  it('reads durations the way people write them', () => {
    expect(parseDuration('5s')).toBe(5_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration(90)).toBe(90_000);
    expect(parseDuration('5 minutes')).toBeNull();
  });

  it('names the line of a wrong value, a missing field and an unknown key', () => {
    const wrong = issuesOf(MINIMAL.replace('for: 5s', 'for: soon'));
    expect(wrong.code).toBe('RULES_INVALID');
    expect(wrong.issues[0]).toMatchObject({ line: 5, path: 'rules[0].for' });
    expect(wrong.message).toContain('line 5');
    const unknownKey = issuesOf(MINIMAL.replace('    severity: warning', '    severty: warning'));
    expect(unknownKey.issues[0]!.line).toBe(2);
    expect(unknownKey.issues[0]!.message).toMatch(/severty/);
    const noCondition = issuesOf('rules:\n  - name: a\n    metric: cpu.usage\n    severity: warning\n');
    expect(noCondition.issues[0]).toMatchObject({ line: 2, message: expect.stringContaining('exactly one of above, below') });
    const badSeverity = issuesOf(MINIMAL.replace('severity: warning', 'severity: loud'));
    expect(badSeverity.issues[0]).toMatchObject({ line: 6, path: 'rules[0].severity' });
  });

  it('names the line of a YAML syntax error and of a recovery on the wrong side', () => {
    const syntax = issuesOf('rules:\n  - name: a\n    metric: [oops\n');
    expect(syntax.issues[0]!.line).toBeGreaterThanOrEqual(3);
    const recovery = issuesOf('rules:\n  - name: a\n    metric: cpu.usage\n    above: 80\n    recovery: 90\n');
    expect(recovery.issues[0]).toMatchObject({ line: 5, path: 'rules[0].recovery' });
  });

  it('names the line of a setting below its minimum, as the file writes it', () => {
    const bad = issuesOf(`rules: []\nsettings:\n  groupWait: 30s\n  repeatInterval: 10s\n`);
    expect(bad.code).toBe('RULES_INVALID');
    expect(bad.issues).toEqual([expect.objectContaining({ line: 4, path: 'settings.repeatInterval' })]);
    expect(parseRulesFile(`rules: []\nsettings:\n  repeatInterval: 2m\n`).settings).toEqual({ repeatIntervalMs: 120_000 });
  });

  it('refuses two rules with one name, pointing at the second', () => {
    const twice = issuesOf('rules:\n  - name: a\n    metric: cpu.usage\n    above: 80\n  - name: a\n    metric: mem.used\n    above: 80\n');
    expect(twice.issues[0]).toMatchObject({ line: 5, message: expect.stringContaining('earlier rule') });
  });

  it('writes what it reads: export then import gives the same rules', () => {
    const file = parseRulesFile(
      'rules:\n  - name: disk\n    metric: "fs.used:*"\n    above: 90\n    recovery: 85\n    for: 1m\n    recoverFor: 2m\n    keep_firing_for: 30s\n    severity: critical\n    services: [payments]\n    channels: [ops]\n    overrides:\n      - target: db-01\n        above: 95\n        for: 5m\n',
    );
    const again = parseRulesFile(writeRulesFile(file.rules, [], null));
    expect(again.rules).toEqual(file.rules);
    expect(file.rules[0]!.overrides).toEqual([{ target: 'db-01', threshold: 95, forMs: 300_000 }]);
    expect(file.rules[0]!.keepFiringForMs).toBe(30_000);
  });
});

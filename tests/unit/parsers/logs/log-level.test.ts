import { describe, expect, it } from 'vitest';
import { detectLevel, levelFromPriority } from '../../../../src/main/engine/parsers/log-level';
import { logLines } from './log-fixture';

describe('detectLevel on real lines', () => {
  it('reads the RFC 5424 and RFC 3164 priority util-linux logger sends (severity = PRI & 7)', () => {
    expect(logLines('syslog-logger.log').map(detectLevel)).toEqual(['error', 'warn', 'info']);
  });

  it('reads logfmt level= as node_exporter writes it', () => {
    expect(logLines('node-exporter-logfmt.log').map(detectLevel)).toEqual(['warn', 'error', 'info']);
  });

  it('reads nginx [level] and maps crit to fatal, notice to info', () => {
    expect(logLines('nginx-error.log').map(detectLevel)).toEqual(['error', 'warn', 'info', 'fatal']);
  });

  it('reads Apache 2.4 [module:level] and 2.2 [level]', () => {
    expect(logLines('apache-error.log').map(detectLevel)).toEqual(['error', 'error', 'info', 'warn']);
  });

  it('reads JSON lines: pino numbers, Serilog @l, Cloud Logging severity', () => {
    expect(logLines('pino.jsonl').map(detectLevel)).toEqual(['error', 'warn', 'info', 'error', 'warn']);
  });

  it('reads the glog/klog letter', () => {
    expect(logLines('glog.log').map(detectLevel)).toEqual(['error', 'warn', 'info']);
  });

  it('reads Python logging and java.util.logging level words', () => {
    const py = logLines('python-logging-traceback.log');
    expect(detectLevel(py[0]!)).toBe('error');
    expect(detectLevel(py.at(-1)!)).toBe('warn');
    const java = logLines('java-jul-stacktrace.log');
    expect(detectLevel(java[1]!)).toBe('error'); // SEVERE
    expect(detectLevel(java.find((l) => l.startsWith('WARNING'))!)).toBe('warn');
  });
});

describe('detectLevel on keywords', () => {
  it.each([
    ['2026-12-06 21:41:48,237 ERROR [main] c.e.App - failed', 'error'],
    ['[WARN] disk almost full', 'warn'],
    ['Dec  6 21:43:31 vm cron[811]: error: cannot open /etc/crontab', 'error'],
    ['Dec  6 21:43:31 vm kernel: Warning: unsupported cpu', 'warn'],
    ['2026-12-06 결제 모듈 오류: 카드사 응답 없음', 'error'],
    ['디스크 사용량 경고 91 %', 'warn'],
    ['FATAL: the database system is shutting down', 'fatal'],
  ])('%s -> %s', (line, level) => {
    expect(detectLevel(line)).toBe(level);
  });

  it('does not call an ordinary sentence an error because it mentions one', () => {
    expect(detectLevel('request completed without errors in 12 ms')).toBeNull();
    expect(detectLevel('GET /errors/list 200 12ms')).toBeNull();
    expect(detectLevel('ERR_CONNECTION_REFUSED in a variable name')).toBeNull();
  });

  it('reads only the first 200 characters', () => {
    expect(detectLevel(`${'x'.repeat(250)} ERROR late`)).toBeNull();
  });

  it('maps syslog priorities 0-7 and refuses others', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(levelFromPriority)).toEqual(['fatal', 'fatal', 'fatal', 'error', 'warn', 'info', 'info', 'debug']);
    expect(levelFromPriority(8)).toBeNull();
    expect(levelFromPriority(-1)).toBeNull();
  });
});

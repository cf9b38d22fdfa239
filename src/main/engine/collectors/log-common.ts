// What the log kinds (files, journald) share: their series and charts, the host field, the
// default rule, and turning one poll's counts into readings. A poll reads only what the source
// gained since the last one (bounded per poll), so a source nobody is looking at costs one short
// script a minute on its host, and every line is counted once.
import { z } from 'zod';
import type { ChartDefinition, ConfigField, SeriesDefinition } from '../../../shared/checks';
import { OpsError } from '../../../shared/errors';
import type { LogLevel, StoredLogEvent } from '../../../shared/logs';
import type { MetricValues } from '../../../shared/model';
import { ERROR_BASELINE, errorsVsUsual, nextBaseline, type ErrorBaseline } from '../rules/error-baseline';
import type { GroupedEvent } from '../parsers/log-events';
import type { LevelCounts } from '../logs/log-pipeline';
import type { ProcessOpener } from '../logs/run-script';
import type { KindContext, KindRule } from './check-kind';

export const LOG_SERIES: SeriesDefinition[] = [
  { key: 'log.errors', unit: 'count', glossaryId: 'log-error-rate', label: { ko: '오류 (분당)', en: 'Errors per minute' } },
  { key: 'log.warnings', unit: 'count', glossaryId: 'log-error-rate', label: { ko: '경고 (분당)', en: 'Warnings per minute' } },
  { key: 'log.lines', unit: 'count', glossaryId: 'log-volume', label: { ko: '로그 줄 (분당)', en: 'Log lines per minute' } },
  { key: 'log.errors.vsUsual', unit: 'ratio', glossaryId: 'error-spike', label: { ko: '평소 대비 오류', en: 'Errors against usual' } },
];

export const LOG_CHARTS: ChartDefinition[] = [
  { id: 'errors', title: { ko: '오류와 경고 (분당)', en: 'Errors and warnings per minute' }, keys: ['log.errors', 'log.warnings'], glossaryId: 'log-error-rate' },
  { id: 'vsUsual', title: { ko: '평소 대비 오류', en: 'Errors against usual' }, keys: ['log.errors.vsUsual'], glossaryId: 'error-spike' },
  { id: 'volume', title: { ko: '로그 양 (분당)', en: 'Log volume per minute' }, keys: ['log.lines'], glossaryId: 'log-volume' },
];

export const LOG_TILE = ['log.errors', 'log.warnings', 'log.errors.vsUsual'];

/**
 * The default rule, a spike against the source's own recent baseline: errors this minute at 5x
 * the usual rate warn, at 20x are critical (the usual rate is at least one a minute).
 */
export const LOG_DEFAULT_RULES: KindRule[] = [{ key: 'log.errors.vsUsual', warn: 5, crit: 20, direction: 'above' }];

export const hostField: ConfigField = {
  key: 'via',
  label: { ko: '서버', en: 'Server' },
  input: 'host',
  required: true,
  help: { ko: '로그가 있는 서버입니다. 그 서버의 열려 있는 SSH 연결로 읽으므로 추가 로그인이 없습니다.', en: 'The server the log is on. OpsDeck reads it over that server\'s open SSH login: no second login.' },
};

export const hostId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'pick a server from the inventory');

/** Bytes one poll reads from one file: a log writing more than this a minute is counted over several polls. */
export const MAX_READ_BYTES = 4 * 1024 * 1024;
/** Errors and warnings kept per poll for "jump to this time" (the rest are counted only). */
export const MAX_STORED_PER_POLL = 60;
export const MAX_STORED_CHARS = 4_000;

export function openerFor(ctx: KindContext, host: string): ProcessOpener {
  const open = ctx.openProcess;
  if (!open) throw new OpsError('UNAVAILABLE', 'This OpsDeck cannot run commands on servers here; log sources need the inventory.');
  return (script, opts) => open(host, script, opts);
}

/** Runs calls one after the other: a poll that outlived its deadline finishes before the next reads. */
export function serialize<T>(): (fn: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (fn) => {
    const run = last.then(fn, fn);
    last = run.catch(() => undefined);
    return run;
  };
}

/** Turns each poll's counts into the stored readings, and keeps the errors and warnings it read. */
export class LogReadings {
  private baseline: ErrorBaseline | null = null;
  private seq = 0;
  private stored: Array<Omit<StoredLogEvent, 'checkId'>> = [];

  constructor(private readonly ctx: KindContext) {}

  /** For the pipeline: an event is complete. */
  onEvent = (event: GroupedEvent): void => this.keep(event.level, event.lines.join('\n'), event.lines.length, this.ctx.clock.now());

  /** Keeps an error or warning (others are only counted). */
  keep(level: LogLevel, text: string, lines: number, ts: number): void {
    if (!isKept(level) || this.stored.length >= MAX_STORED_PER_POLL) return;
    this.stored.push({ ts, seq: ++this.seq, level, text: text.length > MAX_STORED_CHARS ? text.slice(0, MAX_STORED_CHARS) : text, lines });
  }

  /**
   * The readings of one poll: counts scaled to a minute of the check's interval (the default
   * interval is a minute, so they are counts). `counts` null: nothing could be counted yet.
   */
  readings(counts: LevelCounts | null, ts: number): MetricValues {
    this.flushStored();
    if (!counts) return { 'log.errors': null, 'log.warnings': null, 'log.lines': null, 'log.errors.vsUsual': null };
    const perMinute = 60_000 / (this.ctx.intervalMs ?? 60_000);
    const errors = counts.errors * perMinute;
    const vsUsual = errorsVsUsual(this.baseline, errors);
    this.baseline = nextBaseline(this.baseline, errors, ts, ERROR_BASELINE.halfLifeMs);
    return { 'log.errors': errors, 'log.warnings': counts.warnings * perMinute, 'log.lines': counts.lines * perMinute, 'log.errors.vsUsual': vsUsual };
  }

  private flushStored(): void {
    if (this.stored.length === 0) return;
    try {
      this.ctx.recordEvents?.(this.stored);
    } catch (err) {
      this.ctx.logger.log('warn', 'log-events-not-stored', { error: String(err) });
    }
    this.stored = [];
  }
}

function isKept(level: LogLevel): boolean {
  return level === 'fatal' || level === 'error' || level === 'warn';
}

// A systemd journal on an inventory server (one unit, or all of it, down to a priority), as a
// check kind: errors, warnings and entries per minute from the entries after the last cursor,
// so none is counted twice and a dropped login loses none. Levels come from PRIORITY.
import { z } from 'zod';
import type { KindDescriptor } from '../../../shared/checks';
import { OpsError } from '../../../shared/errors';
import { ERROR_LEVELS } from '../../../shared/logs';
import type { CheckNote } from '../../../shared/model';
import { zeroCounts } from '../logs/log-pipeline';
import { journalReadScript, type JournalSelector } from '../logs/remote-scripts';
import { runScript, splitStatusLine, type ProcessOpener } from '../logs/run-script';
import { parseJournalLine, type JournalEntry } from '../parsers/journal-entry';
import { defineKind } from './check-kind';
import { hostField, hostId, LOG_CHARTS, LOG_DEFAULT_RULES, LOG_SERIES, LOG_TILE, LogReadings, openerFor, serialize } from './log-common';
import type { CollectResult } from './types';

/** Entries one poll reads at most; more are read by the next poll. */
export const MAX_ENTRIES = 20_000;

export const JOURNAL_PRIORITIES = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;

export const journaldConfig = z.strictObject({
  via: hostId,
  /** A systemd unit (nginx, nginx.service, app@1.service); null or empty: the whole journal. */
  unit: z
    .string()
    .trim()
    .max(256)
    .regex(/^[A-Za-z0-9:_.@\\-]*$/, 'a unit name such as nginx.service')
    .nullable()
    .default(null)
    .transform((u) => (u ? u : null)),
  /** Show entries of this priority and worse (journalctl -p); null: every priority. */
  priority: z.enum(JOURNAL_PRIORITIES).nullable().default(null),
});
export type JournaldConfig = z.infer<typeof journaldConfig>;

const descriptor: KindDescriptor = {
  kind: 'journald',
  category: 'log',
  name: { ko: 'systemd 저널', en: 'systemd journal' },
  glossaryId: 'log-source',
  series: LOG_SERIES,
  charts: LOG_CHARTS,
  tables: [],
  facts: [{ key: 'unit', label: { ko: '유닛', en: 'Unit' } }],
  tile: LOG_TILE,
  form: [
    hostField,
    { key: 'unit', label: { ko: '유닛', en: 'Unit' }, input: 'text', placeholder: 'nginx.service', help: { ko: '비워 두면 저널 전체를 봅니다.', en: 'Leave it empty for the whole journal.' } },
    {
      key: 'priority',
      label: { ko: '중요도', en: 'Priority' },
      input: 'select',
      options: [
        { value: '', label: { ko: '전부', en: 'Everything' } },
        { value: 'warning', label: { ko: '경고 이상', en: 'Warnings and worse' } },
        { value: 'err', label: { ko: '오류 이상', en: 'Errors and worse' } },
        { value: 'info', label: { ko: '정보 이상 (디버그 제외)', en: 'Info and worse (no debug)' } },
      ],
    },
  ],
  defaultIntervalMs: 60_000,
};

export function selectorOf(config: JournaldConfig): JournalSelector {
  return { unit: config.unit, priority: config.priority };
}

export interface JournalRead {
  entries: JournalEntry[];
  /** journalctl's own lines that are not entries ("No journal files were found."...). */
  messages: string[];
}

export async function readJournal(open: ProcessOpener, selector: JournalSelector, cursor: string | null, max = MAX_ENTRIES, lines = 1): Promise<JournalRead> {
  const out = await runScript(open, journalReadScript({ selector, cursor, max, lines }), { timeoutMs: 20_000, maxBytes: 64 * 1024 * 1024 });
  const split = splitStatusLine(out.stdout);
  if (!split || split.status[0] !== 'J') throw new OpsError('COLLECT_FAILED', 'Reading the journal gave no answer OpsDeck understands.');
  if (split.status[1] === 'none') throw new OpsError('JOURNAL_UNAVAILABLE', 'This server has no journalctl (no systemd journal).');
  const entries: JournalEntry[] = [];
  const messages: string[] = [];
  for (const line of split.data.toString('utf8').split('\n')) {
    if (!line) continue;
    const entry = parseJournalLine(line);
    if (entry) entries.push(entry);
    else if (messages.length < 10) messages.push(line.slice(0, 300));
  }
  return { entries, messages };
}

/** journalctl's words for a cursor it cannot find (the journal was rotated or vacuumed since). */
export const CURSOR_LOST = /Failed to seek to cursor|Failed to parse cursor/i;
export const NO_JOURNAL = /No journal files were found|No entries/i;

export const journaldKind = defineKind<JournaldConfig>({
  kind: 'journald',
  descriptor,
  configSchema: journaldConfig,
  parentOf: (config) => config.via,
  destinationFields: [],
  defaultRules: LOG_DEFAULT_RULES,

  createCollector(config, ctx) {
    const open = openerFor(ctx, config.via);
    const readings = new LogReadings(ctx);
    const selector = selectorOf(config);
    const turn = serialize<CollectResult>();
    let cursor: string | null = null;

    async function collectOnce(): Promise<CollectResult> {
      const notes: CheckNote[] = [];
      const had = cursor;
      const read = await readJournal(open, selector, cursor);
      if (had && read.messages.some((m) => CURSOR_LOST.test(m))) {
        cursor = null;
        notes.push({ code: 'LOG_GAP', data: { reason: 'cursor-lost' } });
      }
      if (read.entries.length === 0 && read.messages.some((m) => NO_JOURNAL.test(m))) notes.push({ code: 'JOURNAL_EMPTY' });
      const counts = zeroCounts();
      if (had && cursor) {
        for (const e of read.entries) {
          counts.lines++;
          if (ERROR_LEVELS.has(e.level)) counts.errors++;
          else if (e.level === 'warn') counts.warnings++;
          readings.keep(e.level, e.message, e.message.split('\n').length, e.ts ?? ctx.clock.now());
        }
        if (read.entries.length >= MAX_ENTRIES) notes.push({ code: 'LOG_BEHIND', data: { entries: read.entries.length } });
      }
      cursor = read.entries.at(-1)?.cursor ?? cursor;
      const ts = ctx.clock.now();
      return { ts, metrics: readings.readings(had && cursor ? counts : null, ts), facts: { unit: config.unit }, notes };
    }

    return { collect: () => turn(collectOnce) };
  },

  async testConnection(config, ctx) {
    const started = ctx.clock.now();
    try {
      const read = await readJournal(openerFor(ctx, config.via), selectorOf(config), null, 1);
      if (read.entries.length === 0) {
        const message = read.messages[0] ?? 'The journal has no entries for this selection.';
        return { ok: false, code: 'JOURNAL_EMPTY', message, data: { field: 'unit' } };
      }
      return { ok: true, elapsedMs: ctx.clock.now() - started, facts: { unit: config.unit }, notes: [] };
    } catch (err) {
      const e = err as OpsError;
      return { ok: false, code: e.code ?? 'INTERNAL', message: e.message };
    }
  },
});

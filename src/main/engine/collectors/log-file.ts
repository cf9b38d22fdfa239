// A log file (or the files a pattern matches) on an inventory server, as a check kind: errors,
// warnings and lines per minute, from what each file gained since the last poll (across rename
// and copytruncate rotations). The live tail of the logs page is logs/file-follower.ts.
import { z } from 'zod';
import type { LogFileInfo } from '../../../shared/api';
import type { KindDescriptor } from '../../../shared/checks';
import { OpsError } from '../../../shared/errors';
import type { CheckNote } from '../../../shared/model';
import { readSince, type FilePosition, type ReadResult } from '../logs/file-reader';
import { LogPipeline, zeroCounts, type LevelCounts } from '../logs/log-pipeline';
import { listScript } from '../logs/remote-scripts';
import { runScript, splitStatusLine, type ProcessOpener } from '../logs/run-script';
import { hasGlob } from '../transport/shell-quote';
import { defineKind } from './check-kind';
import { hostField, hostId, LOG_CHARTS, LOG_DEFAULT_RULES, LOG_SERIES, LOG_TILE, LogReadings, MAX_READ_BYTES, openerFor, serialize } from './log-common';
import type { CollectResult } from './types';

/** Files of one pattern counted at most (the newest); the rest are named in a note. */
export const MAX_FILES = 20;

export const logPath = z
  .string()
  .trim()
  .min(2)
  .max(1024)
  .refine((p) => p.startsWith('/'), 'an absolute path, such as /var/log/nginx/error.log')
  // eslint-disable-next-line no-control-regex
  .refine((p) => !/[\u0000-\u001f\u007f]/.test(p), 'no control characters or line breaks')
  .refine((p) => !p.endsWith('/'), 'a file, not a folder: add its name or a pattern such as *.log')
  .refine((p) => !/[*?[]/.test(p.slice(0, p.lastIndexOf('/'))), 'a pattern may only be in the file name (/var/log/app/*.log)');

export const logFileConfig = z.strictObject({
  via: hostId,
  path: logPath,
});
export type LogFileConfig = z.infer<typeof logFileConfig>;

const descriptor: KindDescriptor = {
  kind: 'log-file',
  category: 'log',
  name: { ko: '로그 파일', en: 'Log file' },
  glossaryId: 'log-source',
  series: LOG_SERIES,
  charts: LOG_CHARTS,
  tables: [],
  facts: [
    { key: 'file', label: { ko: '파일', en: 'File' } },
    { key: 'size', label: { ko: '크기', en: 'Size' } },
  ],
  tile: LOG_TILE,
  form: [
    hostField,
    {
      key: 'path',
      label: { ko: '파일 경로', en: 'File path' },
      input: 'text',
      required: true,
      placeholder: '/var/log/nginx/error.log',
      help: { ko: '서버에서 본 전체 경로입니다. 파일 이름에 *를 쓰면 맞는 파일을 모두 셉니다 (예: /var/log/app/*.log).', en: 'The full path on the server. A * in the file name counts every matching file (for example /var/log/app/*.log).' },
    },
  ],
  defaultIntervalMs: 60_000,
};

interface Tracked {
  position: FilePosition | null;
  pipeline: LogPipeline;
  /** The poll that first read this file learnt where it ends: its counts start with the next one. */
  counting: boolean;
}

/** The files a pattern matches now, newest first. */
export async function matchingFiles(open: ProcessOpener, pattern: string, limit = MAX_FILES): Promise<{ files: string[]; info: LogFileInfo[]; matched: number }> {
  const out = await runScript(open, listScript(pattern, limit), { timeoutMs: 15_000, maxBytes: 512 * 1024 });
  const split = splitStatusLine(out.stdout);
  if (!split || split.status[0] !== 'L') throw new OpsError('COLLECT_FAILED', `Listing ${pattern} gave no answer OpsDeck understands.`);
  const info: LogFileInfo[] = [];
  for (const line of split.data.toString('utf8').split('\n')) {
    const m = /^(\d+) (\d+) (.+)$/.exec(line);
    if (m) info.push({ modifiedAt: Number(m[1]), size: Number(m[2]), path: m[3]! });
  }
  return { files: info.map((f) => f.path), info, matched: Number(split.status[1]) || 0 };
}

function notesOf(file: string, result: ReadResult, notes: CheckNote[]): void {
  if (result.state === 'missing') notes.push({ code: 'LOG_MISSING', data: { file } });
  else if (result.state === 'denied') notes.push({ code: 'LOG_DENIED', data: { file } });
  else if (result.state === 'notfile') notes.push({ code: 'LOG_NOT_FILE', data: { file } });
  for (const part of result.parts) {
    if (part.kind !== 'mark') continue;
    if (part.mark === 'rotated') notes.push({ code: 'LOG_ROTATED', data: { file } });
    if (part.mark === 'truncated') notes.push({ code: 'LOG_TRUNCATED', data: { file, copyFound: part.data?.copyFound ?? 0 } });
    if (part.mark === 'gap') notes.push({ code: 'LOG_GAP', data: { file, reason: String(part.data?.reason ?? 'unknown') } });
  }
  if (result.behind > 0) notes.push({ code: 'LOG_BEHIND', data: { file, bytes: result.behind } });
}

export const logFileKind = defineKind<LogFileConfig>({
  kind: 'log-file',
  descriptor,
  configSchema: logFileConfig,
  parentOf: (config) => config.via,
  destinationFields: [],
  defaultRules: LOG_DEFAULT_RULES,

  createCollector(config, ctx) {
    const open = openerFor(ctx, config.via);
    const readings = new LogReadings(ctx);
    const tracked = new Map<string, Tracked>();
    const turn = serialize<CollectResult>();
    let polls = 0;

    const trackerOf = (file: string): Tracked => {
      let t = tracked.get(file);
      if (!t) {
        t = { position: null, pipeline: new LogPipeline(readings.onEvent), counting: false };
        tracked.set(file, t);
      }
      return t;
    };

    async function collectOnce(): Promise<CollectResult> {
      const first = polls++ === 0;
      const notes: CheckNote[] = [];
      let files = [config.path];
      if (hasGlob(config.path)) {
        const listed = await matchingFiles(open, config.path);
        files = listed.files;
        if (listed.matched > listed.files.length) notes.push({ code: 'LOG_TOO_MANY_FILES', data: { matched: listed.matched, followed: listed.files.length } });
        // Files that left the pattern are dropped; one that appears later is read from its start.
        for (const known of [...tracked.keys()]) if (!files.includes(known)) tracked.delete(known);
        for (const file of files) if (!tracked.has(file) && !first) trackerOf(file).position = { id: '0:0', offset: 0, head: null };
      }
      const total: LevelCounts = zeroCounts();
      let counted = false;
      let size: number | null = null;
      for (const file of files) {
        const t = trackerOf(file);
        const result = await readSince(open, file, t.position, { maxBytes: MAX_READ_BYTES });
        let read = 0;
        for (const part of result.parts) {
          if (part.kind === 'bytes') {
            t.pipeline.push(part.bytes);
            read += part.bytes.length;
          } else if (part.kind === 'boundary') t.pipeline.boundary();
        }
        // A trace is written at once: one still open after a quiet minute is complete.
        if (read === 0) t.pipeline.flushEvent();
        notesOf(file, result, notes);
        const hadPosition = t.position !== null;
        t.position = result.position;
        if (hadPosition && result.state === 'ok') t.counting = true;
        const c = t.pipeline.takeCounts();
        if (t.counting) {
          counted = true;
          total.errors += c.errors;
          total.warnings += c.warnings;
          total.lines += c.lines;
          total.cut += c.cut;
        }
        if (files.length === 1) size = result.size;
      }
      if (total.cut > 0) notes.push({ code: 'LOG_LINES_CUT', data: { lines: total.cut } });
      const ts = ctx.clock.now();
      return {
        ts,
        metrics: readings.readings(counted ? total : null, ts),
        facts: { file: files.length === 1 ? files[0]! : `${files.length}`, size: size === null ? null : String(size) },
        notes,
      };
    }

    return { collect: () => turn(collectOnce) };
  },

  async testConnection(config, ctx) {
    const started = ctx.clock.now();
    const open = openerFor(ctx, config.via);
    let file = config.path;
    if (hasGlob(config.path)) {
      const listed = await matchingFiles(open, config.path);
      if (listed.files.length === 0) return { ok: false, code: 'LOG_NOT_FOUND', message: `No file on the server matches ${config.path}.`, data: { field: 'path', file: config.path } };
      file = listed.files[0]!;
    }
    const result = await readSince(open, file, null, { maxBytes: 0 });
    if (result.state === 'missing') return { ok: false, code: 'LOG_NOT_FOUND', message: `There is no file ${file} on the server.`, data: { field: 'path', file } };
    if (result.state === 'notfile') return { ok: false, code: 'LOG_NOT_FILE', message: `${file} is not a regular file.`, data: { field: 'path', file } };
    if (result.state === 'denied') return { ok: false, code: 'LOG_DENIED', message: `The SSH user may not read ${file}.`, data: { field: 'path', file } };
    return { ok: true, elapsedMs: ctx.clock.now() - started, facts: { file, size: result.size === null ? null : String(result.size) }, notes: [] };
  },
});

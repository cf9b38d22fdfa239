// Zod building blocks shared by the incident record, command and post-mortem schemas. Private to
// those files: the index (incidents.ts) re-exports only formatIssuePath from here.
import { z } from 'zod';
import { LOG_LEVELS } from './logs';

export const shortText = z.string().trim().min(1).max(200);
export const person = z.string().trim().min(1).max(100);
export const longText = z.string().max(10_000);
export const ts = z.number().int().nonnegative();
export const tsOrNull = ts.nullable();
export const idList = z.array(z.string().trim().min(1).max(200)).max(100);

export const metricSnapshotSchema = z.strictObject({
  targetId: z.string().min(1).max(200),
  ts,
  /** Readings as seen when the incident started; a missing reading is null. */
  metrics: z.record(z.string().max(200), z.number().nullable()),
});

/** Lines of a log attached to the timeline as evidence: which source, and the lines as they were read. */
export const logEvidenceSchema = z.strictObject({
  checkId: z.string().min(1).max(200),
  /** The source's name as the person saw it (the check may be renamed or deleted later). */
  source: z.string().min(1).max(200),
  /** The server it is on, by name, and its id for the "logs at this time" link. */
  host: z.string().max(200).nullable(),
  hostId: z.string().max(200).nullable().optional(),
  lines: z
    .array(
      z.strictObject({
        ts,
        level: z.enum(LOG_LEVELS),
        text: z.string().max(8_000),
      }),
    )
    .min(1)
    .max(200),
});

/** "stages[2].checklist[0].text.ko" for a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '(the whole file)';
}

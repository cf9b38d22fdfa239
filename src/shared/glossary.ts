// The plain-language glossary: the shape of one entry and the checks every entry must pass.
// Data lives in resources/glossary/terms.json; this module is shared by the engine hosts and
// the renderer, so it stays free of DOM and Node imports.
import { z } from 'zod';

export const GLOSSARY_CATEGORIES = [
  'infrastructure',
  'database',
  'network',
  'reliability',
  'incident',
  'delivery',
  'performance',
  'business',
  'opsdeck',
] as const;
export type GlossaryCategory = (typeof GLOSSARY_CATEGORIES)[number];

/** Places in OpsDeck that show a term and may link to its entry. */
export const GLOSSARY_SURFACES = [
  'overview',
  'host-page',
  /** The page of a database (and later every other check kind). */
  'database-page',
  'incident-room',
  'reports',
  'targets',
  'settings',
  'glossary',
] as const;
export type GlossarySurface = (typeof GLOSSARY_SURFACES)[number];

export const GLOSSARY_BAND_LEVELS = ['normal', 'concerning', 'critical'] as const;
export type GlossaryBandLevel = (typeof GLOSSARY_BAND_LEVELS)[number];

export type GlossaryLang = 'ko' | 'en';
export const GLOSSARY_LANGS: readonly GlossaryLang[] = ['ko', 'en'];

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** One line of prose: no line breaks, no padding, something to read. */
const line = z
  .string()
  .trim()
  .min(1)
  .refine((s) => !/[\r\n]/.test(s), 'one line only');

const bilingual = z.strictObject({ ko: line, en: line });

const glossaryId = z.string().regex(KEBAB_CASE, 'ids are kebab-case, e.g. cpu-usage');

const bandSchema = z.strictObject({
  level: z.enum(GLOSSARY_BAND_LEVELS),
  /** Language-neutral, with units: "< 85 %", "1.5–3 × cores", "≤ 2.5 s". */
  range: line,
  ko: line,
  en: line,
});

/** A small reference table, e.g. downtime allowed per availability target. */
const tableSchema = z
  .strictObject({
    caption: bilingual,
    columns: z.array(bilingual).min(2),
    rows: z.array(z.strictObject({ ko: z.array(line), en: z.array(line) })).min(1),
  })
  .superRefine((t, ctx) => {
    t.rows.forEach((row, i) => {
      if (row.ko.length !== t.columns.length || row.en.length !== t.columns.length) {
        ctx.addIssue({ code: 'custom', path: ['rows', i], message: `each row needs ${t.columns.length} cells in both languages` });
      }
    });
  });

const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain });

export const GlossaryEntrySchema = z.strictObject({
  id: glossaryId,
  category: z.enum(GLOSSARY_CATEGORIES),
  term: bilingual,
  acronym: line.optional(),
  aliases: z
    .strictObject({
      ko: z.array(line).optional(),
      en: z.array(line).optional(),
    })
    .optional(),
  /** One plain line, with an everyday analogy where it helps. */
  definition: bilingual,
  /** The impact on users and the business, not the internals. */
  whyItMatters: bilingual,
  /** Where a number applies: what healthy looks like, optionally as bands. */
  goodLooksLike: z
    .strictObject({
      ko: line,
      en: line,
      bands: z.array(bandSchema).min(1).optional(),
    })
    .optional(),
  table: tableSchema.optional(),
  related: z.array(glossaryId),
  appearsIn: z.array(z.enum(GLOSSARY_SURFACES)).min(1),
  source: z.strictObject({ title: line, url: httpsUrl }),
});

export type GlossaryEntry = z.infer<typeof GlossaryEntrySchema>;
export type GlossaryText = GlossaryEntry['term'];
export type GlossaryBand = NonNullable<NonNullable<GlossaryEntry['goodLooksLike']>['bands']>[number];

/**
 * The whole glossary: every entry valid, ids unique, every `related` id resolvable and never
 * the entry itself. Use this to load terms.json, so a broken file fails loudly and early.
 */
export const GlossarySchema = z.array(GlossaryEntrySchema).superRefine((entries, ctx) => {
  const ids = new Set<string>();
  entries.forEach((e, i) => {
    if (ids.has(e.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate id ${e.id}` });
    ids.add(e.id);
  });
  entries.forEach((e, i) => {
    e.related.forEach((r, j) => {
      if (!ids.has(r)) ctx.addIssue({ code: 'custom', path: [i, 'related', j], message: `${e.id}: unknown related id ${r}` });
      if (r === e.id) ctx.addIssue({ code: 'custom', path: [i, 'related', j], message: `${e.id} lists itself as related` });
    });
  });
});

/** Validates raw glossary data (parsed JSON) and returns typed entries; throws a ZodError otherwise. */
export function parseGlossary(raw: unknown): GlossaryEntry[] {
  return GlossarySchema.parse(raw);
}

// The post-mortem record of an incident: impact, causes, what went well and wrong, and the
// action items that come out of the review.
import { z } from 'zod';
import { idList, longText, person, shortText, ts, tsOrNull } from './incidents-schema-parts';

export const ACTION_ITEM_KINDS = ['corrective', 'preventive'] as const;
export type ActionItemKind = (typeof ACTION_ITEM_KINDS)[number];
export const ACTION_ITEM_STATUSES = ['open', 'in-progress', 'done', 'wont-do'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export const POSTMORTEM_STATUSES = ['draft', 'in-review', 'reviewed', 'closed'] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date looks like 2026-03-31');

export const ActionItemSchema = z.strictObject({
  id: z.string().min(1).max(100),
  title: shortText,
  kind: z.enum(ACTION_ITEM_KINDS),
  owner: person,
  /** Calendar date in the organisation's zone; overdue from the day after. */
  dueDate: isoDate,
  status: z.enum(ACTION_ITEM_STATUSES),
  ticket: z.string().max(500).nullable(),
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

const textList = z.array(z.string().trim().min(1).max(4000)).max(100);

export const PostmortemSchema = z.strictObject({
  incidentId: z.string().min(1).max(100),
  status: z.enum(POSTMORTEM_STATUSES),
  authors: z.array(person),
  createdAt: ts,
  updatedAt: ts,
  summary: longText,
  impact: z.strictObject({
    /** When users were first affected, if before detection; defaults to the detection time. */
    startedAt: tsOrNull,
    /** When users stopped being affected; defaults to the resolution time. */
    endedAt: tsOrNull,
    usersAffected: z.number().int().nonnegative().nullable(),
    services: idList,
    description: longText,
  }),
  rootCauses: textList,
  trigger: longText,
  detection: longText,
  resolution: longText,
  wentWell: textList,
  wentWrong: textList,
  gotLucky: textList,
  actionItems: z.array(ActionItemSchema).max(200),
  /** Timeline rows the incident could not know (e.g. when a bad change shipped). */
  extraTimeline: z.array(z.strictObject({ ts, text: z.string().trim().min(1).max(2000) })).max(200),
});
export type Postmortem = z.infer<typeof PostmortemSchema>;

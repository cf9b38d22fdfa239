// What crosses the contract for incidents: views the engine builds for the incident list, the
// incident room, the post-mortem form and the reports, the argument schemas of the incident
// methods, and the change event. Plain data only; the records themselves are in incidents.ts.
import { z } from 'zod';
import {
  IncidentCommandSchema,
  INCIDENT_LANGS,
  PostmortemSchema,
  SEVERITIES,
  type ActionItemKind,
  type ActionItemStatus,
  type Audience,
  type Bilingual,
  type Incident,
  type IncidentLang,
  type IncidentSource,
  type IncidentStatus,
  type MetricSnapshot,
  type Playbook,
  type Postmortem,
  type Severity,
  type TimerKind,
} from './incidents';

/** A running timer of the incident's current stage. `overdue` is as of the engine's answer. */
export interface IncidentTimer {
  id: string;
  kind: TimerKind;
  stageId: string;
  itemId: string | null;
  label: Bilingual;
  dueAt: number;
  overdue: boolean;
  overdueByMs: number;
}

export interface IncidentListItem {
  id: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  stageIndex: number;
  stageCount: number;
  stageName: Bilingual;
  services: string[];
  hosts: string[];
  detectedAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  commander: string | null;
  revision: number;
  timers: IncidentTimer[];
}

/** One sentence per timeline entry in both languages, from the playbook the incident runs under. */
export interface TimelineLine {
  seq: number;
  ko: string;
  en: string;
}

export interface IncidentDetail {
  incident: Incident;
  /** The playbook version this incident runs under (kept when the organisation edits it later). */
  playbook: Playbook;
  playbookVersion: number;
  timers: IncidentTimer[];
  timelineText: TimelineLine[];
  postmortemRequired: boolean;
  hasPostmortem: boolean;
  /** The local user name the engine records as the author of every change. */
  user: string;
}

/** What the host page's "start incident" dialog is prefilled with. */
export interface IncidentDraft {
  title: string;
  severity: Severity;
  detectedAt: number;
  source: IncidentSource;
  hosts: string[];
  hostName: string;
  snapshot: MetricSnapshot | null;
}

export interface ComposedMessageView {
  templateId: string;
  audience: Audience;
  /** A final notice closes the conversation (no next update). */
  final: boolean;
  lang: IncidentLang;
  /** Complete only when `complete`; a preview shows `segments`, never raw {{name}} markers. */
  text: string;
  /** The text in pieces: filled text, and gaps where a value is still missing. */
  segments: Array<{ kind: 'text'; text: string } | { kind: 'gap'; name: string }>;
  /** Every placeholder the template uses, so the composer can offer each one's field. */
  uses: string[];
  /** Placeholders with no value yet (gaps in `segments`). */
  missing: string[];
  unknown: string[];
  errors: string[];
  /** Phrases that promise a time of repair, which customer messages avoid. */
  promises: string[];
  complete: boolean;
}

export type PlaybookSource = 'default' | 'organisation';

export interface PlaybookInfo {
  playbook: Playbook;
  /** Stored version; null while the shipped default has not been used or changed yet. */
  version: number | null;
  source: PlaybookSource;
  savedAt: number | null;
  savedBy: string | null;
}

export interface IncidentExportFile {
  filename: string;
  mime: string;
  content: string;
}

export interface PostmortemTimelineLine {
  ts: number;
  text: string;
}

export interface PostmortemView {
  postmortem: Postmortem;
  /** 0 while it is an unsaved draft; every save bumps it. */
  revision: number;
  required: boolean;
  /** The date by which the review meeting should be held, if the playbook asks for one. */
  reviewDueDate: string | null;
  overdueItemIds: string[];
  guidance: Record<IncidentLang, string[]>;
  reviewQuestions: Record<IncidentLang, string[]>;
  defaultDueDates: Record<ActionItemKind, string>;
  wordingWarnings: Array<{ match: string; hint: Bilingual }>;
  timeline: Record<IncidentLang, PostmortemTimelineLine[]>;
}

export interface DurationStatsView {
  count: number;
  meanMs: number | null;
  medianMs: number | null;
}

export interface IncidentReport {
  from: number;
  until: number;
  timeZone: string;
  incidentCount: number;
  mtta: DurationStatsView;
  mttr: DurationStatsView;
  /** MTTA and MTTR of the incidents detected in each month of the period, oldest first. */
  monthly: Array<{ month: string; incidents: number; mtta: DurationStatsView; mttr: DurationStatsView }>;
  bySeverityMonth: Array<{ month: string; severity: Severity; count: number }>;
  byServiceMonth: Array<{ month: string; service: string; count: number }>;
  /** maintenanceMs: planned maintenance in the period, counted neither as downtime nor as time (issue 12). */
  availability: Array<{ service: string; downtimeMs: number; periodMs: number; availability: number; incidents: number; maintenanceMs: number }>;
  downtimeSeverities: Severity[];
  overdueActions: Array<{
    incidentId: string;
    itemId: string;
    title: string;
    kind: ActionItemKind;
    owner: string;
    dueDate: string;
    status: ActionItemStatus;
    daysOverdue: number;
  }>;
  rows: Array<{
    id: string;
    title: string;
    severity: Severity;
    status: IncidentStatus;
    services: string;
    detectedDate: string;
    /** Whole seconds (truncated, like every duration shown), null until it happened. */
    secondsToAcknowledge: number | null;
    secondsToRecover: number | null;
    reopened: number;
  }>;
}

export type IncidentChangeKind = 'created' | 'updated' | 'postmortem' | 'timer-overdue' | 'playbook' | 'people';

export interface IncidentChangedEvent {
  kind: IncidentChangeKind;
  /** null for a playbook or people change. */
  incidentId: string | null;
  revision: number | null;
  /** For 'timer-overdue': the timers that just fell overdue. */
  timerIds: string[];
}

// ---------------------------------------------------------------------------------------------
// Argument schemas

/** Playbook files above this size are refused before parsing. */
export const PLAYBOOK_MAX_CHARS = 1024 * 1024;

const incidentId = z.string().min(1).max(100);
const title = z.string().trim().min(1).max(200);
const severity = z.enum(SEVERITIES);
const impact = z.string().max(10_000);
const ids = z.array(z.string().trim().min(1).max(200)).max(100);
const ts = z.number().int().nonnegative();
const lang = z.enum(INCIDENT_LANGS as [IncidentLang, ...IncidentLang[]]);
/** An IANA zone such as Asia/Seoul; the engine checks that it knows it. */
const timeZone = z.string().min(1).max(64).regex(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/, 'a time zone looks like Asia/Seoul');

export const incidentIdArgs = z.strictObject({ id: incidentId });

export const createIncidentArgs = z.discriminatedUnion('from', [
  z.strictObject({ from: z.literal('manual'), title, severity, impact: impact.optional(), services: ids.optional(), hosts: ids.optional(), detectedAt: ts.optional(), actor: z.string().trim().min(1).max(100).optional() }),
  z.strictObject({
    from: z.literal('host'),
    targetId: z.string().min(1).max(200),
    title: title.optional(),
    severity: severity.optional(),
    impact: impact.optional(),
    services: ids.optional(),
    detectedAt: ts.optional(),
    actor: z.string().trim().min(1).max(100).optional(),
  }),
  z.strictObject({ from: z.literal('service'), serviceId: z.string().trim().min(1).max(200), title, severity, impact: impact.optional(), detectedAt: ts.optional(), actor: z.string().trim().min(1).max(100).optional() }),
]);
export type CreateIncidentArgs = z.infer<typeof createIncidentArgs>;

export const draftIncidentArgs = z.strictObject({ targetId: z.string().min(1).max(200) });

/** Who at the desk makes the change: a name on the responder list (else the OS account is recorded). */
const actor = z.string().trim().min(1).max(100);

export const applyIncidentCommandArgs = z.strictObject({
  id: incidentId,
  actor: actor.optional(),
  /** The revision the person was looking at; a newer one in the store is a conflict. */
  revision: z.number().int().positive(),
  command: IncidentCommandSchema.refine((c) => c.type !== 'create', 'open a new incident with createIncident'),
});
export type ApplyIncidentCommandArgs = z.infer<typeof applyIncidentCommandArgs>;

export const composeMessageArgs = z.strictObject({
  id: incidentId,
  templateId: z.string().min(1).max(100),
  lang,
  update: z.string().max(10_000).optional(),
  /** The next update time a person promised, where the playbook sets no cadence (or after recovery). */
  nextUpdateAt: ts.optional(),
  timeZone: timeZone.optional(),
});
export type ComposeMessageArgs = z.infer<typeof composeMessageArgs>;

export const importPlaybookArgs = z.strictObject({
  content: z.string().max(PLAYBOOK_MAX_CHARS, `the playbook file is larger than ${PLAYBOOK_MAX_CHARS / 1024} KB`),
});

export const postmortemArgs = z.strictObject({ incidentId, timeZone: timeZone.optional() });

export const savePostmortemArgs = z.strictObject({
  incidentId,
  /** The revision being edited; 0 for the first save of a draft. */
  revision: z.number().int().nonnegative(),
  postmortem: PostmortemSchema,
});
export type SavePostmortemArgs = z.infer<typeof savePostmortemArgs>;

export const exportPostmortemArgs = z.strictObject({ incidentId, lang, timeZone: timeZone.optional() });

export const reportArgs = z
  .strictObject({ from: ts, until: ts, timeZone: timeZone.optional() })
  .refine((r) => r.until > r.from, 'the report period must end after it starts')
  .refine((r) => r.until - r.from <= 5 * 366 * 86_400_000, 'a report covers at most five years');
export type ReportArgs = z.infer<typeof reportArgs>;

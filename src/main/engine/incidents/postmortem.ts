// The post-mortem of stage 4: a draft prefilled from the incident, overdue action items, the
// blameless wording guidance (data in the playbook), and the Markdown export.
import {
  DEFAULT_TIME_ZONE,
  type ActionItem,
  type ActionItemKind,
  type Bilingual,
  type Incident,
  type IncidentLang,
  type Playbook,
  type Postmortem,
  type PostmortemStatus,
  type TimelineEntry,
} from '../../../shared/incidents';
import { DEFAULT_PLAYBOOK } from './default-playbook';
import { formatDuration, formatLocalTime, localDate } from './local-time';
import { severityDefinition } from './playbook';
import { describeTimelineEntry } from './timeline-text';

const DAY = 86_400_000;

/** A new post-mortem for a resolved incident, with what the incident already knows. */
export function draftPostmortem(incident: Incident, now: number, author: string): Postmortem {
  return {
    incidentId: incident.id,
    status: 'draft',
    authors: [author],
    createdAt: now,
    updatedAt: now,
    summary: '',
    // The window starts as detection to recovery; the authors move it when users were hit earlier or longer.
    impact: { startedAt: incident.detectedAt, endedAt: incident.resolvedAt, usersAffected: null, services: [...incident.services], description: incident.impact },
    rootCauses: [],
    trigger: '',
    detection: '',
    resolution: '',
    wentWell: [],
    wentWrong: [],
    gotLucky: [],
    actionItems: [],
    extraTimeline: [],
  };
}

/** Whether the playbook asks for a post-mortem at this incident's (final) severity. */
export function postmortemRequired(incident: Incident, playbook: Playbook): boolean {
  return playbook.postmortem.requiredFor.includes(incident.severity);
}

/** "2026-03-31" plus n days, on the calendar (no zone involved). */
export function addDays(isoDate: string, n: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + n * DAY).toISOString().slice(0, 10);
}

/** The date by which the review meeting should be held, or null if none is asked for. */
export function postmortemReviewDueDate(incident: Incident, playbook: Playbook, timeZone = DEFAULT_TIME_ZONE): string | null {
  const days = playbook.postmortem.reviewWithinDays[incident.severity];
  if (days === null || incident.resolvedAt === null) return null;
  return addDays(localDate(incident.resolvedAt, timeZone), days);
}

/** Default due date of a new action item of this kind. */
export function defaultActionItemDueDate(kind: ActionItemKind, playbook: Playbook, now: number, timeZone = DEFAULT_TIME_ZONE): string {
  return addDays(localDate(now, timeZone), playbook.postmortem.actionItemDueDays[kind]);
}

const isOpen = (item: ActionItem) => item.status === 'open' || item.status === 'in-progress';

/** Open action items whose due date has passed (an item is on time through its due day). */
export function overdueActionItems(pm: Postmortem, now: number, timeZone = DEFAULT_TIME_ZONE): ActionItem[] {
  const today = localDate(now, timeZone);
  return pm.actionItems.filter((item) => isOpen(item) && item.dueDate < today);
}

/** Whole days past the due date (0 on the due day itself). */
export function daysOverdue(item: ActionItem, now: number, timeZone = DEFAULT_TIME_ZONE): number {
  const today = Date.parse(`${localDate(now, timeZone)}T00:00:00Z`);
  return Math.max(0, Math.round((today - Date.parse(`${item.dueDate}T00:00:00Z`)) / DAY));
}

/** How long users were affected: the post-mortem's own window, else detection to resolution. */
export function impactDurationMs(pm: Postmortem, incident: Incident): number | null {
  const start = pm.impact.startedAt ?? incident.detectedAt;
  const end = pm.impact.endedAt ?? incident.resolvedAt;
  return end === null ? null : Math.max(0, end - start);
}

export function blamelessGuidance(playbook: Playbook, lang: IncidentLang): { guidance: string[]; reviewQuestions: string[] } {
  return {
    guidance: playbook.postmortem.guidance.map((g) => g[lang]),
    reviewQuestions: playbook.postmortem.reviewQuestions.map((q) => q[lang]),
  };
}

/** Words in a draft that suggest blame or overstatement, with the playbook's hint for each. */
export function wordingWarnings(text: string, playbook: Playbook): Array<{ match: string; hint: Bilingual }> {
  const lower = text.toLowerCase();
  const out: Array<{ match: string; hint: Bilingual }> = [];
  for (const rule of playbook.postmortem.wordingHints)
    for (const word of [...rule.match.ko, ...rule.match.en]) if (lower.includes(word.toLowerCase())) out.push({ match: word, hint: rule.hint });
  return out;
}

export interface PostmortemTimelineRow {
  ts: number;
  text: string;
}

/**
 * Entries a review reads: what happened, who decided, what was said. Ticks of checklist items,
 * field edits and released roles are bookkeeping of the response (the room still shows them);
 * a skipped item stays, with its reason, because skipping is a decision.
 */
const REVIEW_KINDS: ReadonlySet<TimelineEntry['kind']> = new Set([
  'created',
  'acknowledged',
  'severity-changed',
  'role-assigned',
  'item-skipped',
  'stage-advanced',
  'note',
  'status-update',
  'metrics-attached',
  'recovery-started',
  'resolved',
  'closed',
  'reopened',
]);

/** The incident's timeline as a review reads it, plus the rows the authors added, in time order. */
export function postmortemTimeline(pm: Postmortem, incident: Incident, playbook: Playbook, lang: IncidentLang): PostmortemTimelineRow[] {
  const rows = [
    ...incident.timeline.filter((e) => REVIEW_KINDS.has(e.kind)).map((e) => ({ ts: e.ts, text: `${describeTimelineEntry(e, playbook, lang)} — ${e.user}` })),
    ...pm.extraTimeline.map((r) => ({ ts: r.ts, text: r.text })),
  ];
  // Stable sort keeps the incident's own order for entries with the same time.
  return rows.sort((a, b) => a.ts - b.ts);
}

// ---------------------------------------------------------------------------------------------
// Markdown export

const HEADINGS = {
  ko: {
    title: '사후 검토',
    incident: '장애',
    severity: '심각도',
    status: '상태',
    authors: '작성자',
    detected: '감지',
    resolved: '복구',
    summary: '요약',
    impact: '영향 범위',
    duration: '영향 시간',
    users: '영향받은 사용자',
    services: '영향받은 서비스',
    timeline: '타임라인',
    time: '시각',
    event: '내용',
    rootCauses: '근본 원인',
    trigger: '촉발 요인',
    detection: '감지 경위',
    resolution: '대응·복구 조치',
    wentWell: '잘된 점',
    wentWrong: '아쉬운 점',
    gotLucky: '운이 좋았던 점',
    actionItems: '후속 조치',
    kind: '유형',
    action: '조치',
    owner: '담당자',
    due: '기한',
    ticket: '티켓',
    empty: '(아직 작성하지 않음)',
    unknown: '알 수 없음',
    notResolved: '아직 복구되지 않음',
    overdue: '기한 지남',
  },
  en: {
    title: 'Post-mortem',
    incident: 'Incident',
    severity: 'Severity',
    status: 'Status',
    authors: 'Authors',
    detected: 'Detected',
    resolved: 'Resolved',
    summary: 'Summary',
    impact: 'Impact',
    duration: 'Duration',
    users: 'Users affected',
    services: 'Services affected',
    timeline: 'Timeline',
    time: 'Time',
    event: 'Event',
    rootCauses: 'Root causes',
    trigger: 'Trigger',
    detection: 'Detection',
    resolution: 'Resolution',
    wentWell: 'What went well',
    wentWrong: 'What went wrong',
    gotLucky: 'Where we got lucky',
    actionItems: 'Action items',
    kind: 'Kind',
    action: 'Action',
    owner: 'Owner',
    due: 'Due',
    ticket: 'Ticket',
    empty: '(not written yet)',
    unknown: 'unknown',
    notResolved: 'not resolved yet',
    overdue: 'overdue',
  },
} as const;

const STATUS_NAMES: Record<PostmortemStatus, Bilingual> = {
  draft: { ko: '초안', en: 'Draft' },
  'in-review': { ko: '검토 중', en: 'In review' },
  reviewed: { ko: '검토 완료', en: 'Reviewed' },
  closed: { ko: '종료', en: 'Closed' },
};

const KIND_NAMES: Record<ActionItemKind, Bilingual> = {
  corrective: { ko: '시정(재발 방지)', en: 'Corrective' },
  preventive: { ko: '예방', en: 'Preventive' },
};

const ITEM_STATUS_NAMES: Record<ActionItem['status'], Bilingual> = {
  open: { ko: '미착수', en: 'Open' },
  'in-progress': { ko: '진행 중', en: 'In progress' },
  done: { ko: '완료', en: 'Done' },
  'wont-do': { ko: '하지 않음', en: "Won't do" },
};

/** A table cell: pipes escaped, line breaks kept as <br>. */
const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
/** Prose under a heading; an empty field says so rather than vanishing. */
const prose = (s: string, empty: string) => (s.trim() === '' ? `_${empty}_` : s.trim());
const bullets = (xs: readonly string[], empty: string) => (xs.length === 0 ? `_${empty}_` : xs.map((x) => `- ${x.trim().replace(/\r?\n/g, '\n  ')}`).join('\n'));

export interface MarkdownOptions {
  /** The playbook the incident ran under (names of stages, items, severities); default the shipped one. */
  playbook?: Playbook;
  timeZone?: string;
  /** When given, overdue action items are marked. */
  now?: number;
}

export function postmortemToMarkdown(pm: Postmortem, incident: Incident, lang: IncidentLang, opts: MarkdownOptions = {}): string {
  const playbook = opts.playbook ?? DEFAULT_PLAYBOOK;
  const zone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const h = HEADINGS[lang];
  const time = (ts: number | null) => (ts === null ? h.notResolved : formatLocalTime(ts, zone));
  const duration = impactDurationMs(pm, incident);
  const overdue = new Set(opts.now === undefined ? [] : overdueActionItems(pm, opts.now, zone).map((i) => i.id));

  const out: string[] = [];
  out.push(`# ${h.title}: ${incident.title.replace(/\s+/g, ' ')}`, '');
  out.push(`| | |`, `|---|---|`);
  out.push(`| ${h.incident} | ${cell(incident.id)} |`);
  out.push(`| ${h.severity} | ${cell(severityDefinition(playbook, incident.severity).name[lang])} |`);
  out.push(`| ${h.status} | ${STATUS_NAMES[pm.status][lang]} |`);
  out.push(`| ${h.authors} | ${cell(pm.authors.join(', ') || h.unknown)} |`);
  out.push(`| ${h.detected} | ${time(incident.detectedAt)} |`);
  out.push(`| ${h.resolved} | ${time(incident.resolvedAt)} |`, '');

  out.push(`## ${h.summary}`, '', prose(pm.summary, h.empty), '');

  out.push(`## ${h.impact}`, '');
  const start = pm.impact.startedAt ?? incident.detectedAt;
  const end = pm.impact.endedAt ?? incident.resolvedAt;
  out.push(`- ${h.duration}: ${duration === null ? h.notResolved : `${formatDuration(duration, lang)} (${time(start)} – ${time(end)})`}`);
  out.push(`- ${h.users}: ${pm.impact.usersAffected === null ? h.unknown : pm.impact.usersAffected.toLocaleString('en-US')}`);
  out.push(`- ${h.services}: ${pm.impact.services.length === 0 ? h.unknown : pm.impact.services.join(', ')}`);
  if (pm.impact.description.trim() !== '') out.push('', pm.impact.description.trim());
  out.push('');

  out.push(`## ${h.timeline}`, '', `| ${h.time} | ${h.event} |`, '|---|---|');
  for (const row of postmortemTimeline(pm, incident, playbook, lang)) out.push(`| ${formatLocalTime(row.ts, zone)} | ${cell(row.text)} |`);
  out.push('');

  out.push(`## ${h.rootCauses}`, '', bullets(pm.rootCauses, h.empty), '');
  out.push(`## ${h.trigger}`, '', prose(pm.trigger, h.empty), '');
  out.push(`## ${h.detection}`, '', prose(pm.detection, h.empty), '');
  out.push(`## ${h.resolution}`, '', prose(pm.resolution, h.empty), '');
  out.push(`## ${h.wentWell}`, '', bullets(pm.wentWell, h.empty), '');
  out.push(`## ${h.wentWrong}`, '', bullets(pm.wentWrong, h.empty), '');
  out.push(`## ${h.gotLucky}`, '', bullets(pm.gotLucky, h.empty), '');

  out.push(`## ${h.actionItems}`, '');
  if (pm.actionItems.length === 0) out.push(`_${h.empty}_`);
  else {
    out.push(`| ${h.kind} | ${h.action} | ${h.owner} | ${h.due} | ${h.status} | ${h.ticket} |`, '|---|---|---|---|---|---|');
    for (const item of pm.actionItems) {
      const due = overdue.has(item.id) ? `**${item.dueDate} (${h.overdue})**` : item.dueDate;
      out.push(`| ${KIND_NAMES[item.kind][lang]} | ${cell(item.title)} | ${cell(item.owner)} | ${due} | ${ITEM_STATUS_NAMES[item.status][lang]} | ${cell(item.ticket ?? '')} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

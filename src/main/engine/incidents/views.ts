// Views the contract carries: a list row, the incident room's detail and the post-mortem
// form's data, built from stored records and the playbook each incident runs under. Pure.
import { DEFAULT_TIME_ZONE, type Incident, type Playbook, type Postmortem, type Severity } from '../../../shared/incidents';
import type { IncidentDetail, IncidentListItem, PostmortemView } from '../../../shared/incidents-contract';
import { stageAt } from './playbook';
import {
  blamelessGuidance,
  defaultActionItemDueDate,
  overdueActionItems,
  postmortemRequired,
  postmortemReviewDueDate,
  postmortemTimeline,
  wordingWarnings,
} from './postmortem';
import { describeTimelineEntry } from './timeline-text';
import { dueTimers } from './timers';

type IncidentHead = Omit<Incident, 'timeline'>;

/** Timers read only the record's fields; the timeline is not needed for them. */
const withoutTimeline = (head: IncidentHead): Incident => ({ ...head, timeline: [] });

export function listItem(head: IncidentHead, playbook: Playbook, now: number): IncidentListItem {
  return {
    id: head.id,
    title: head.title,
    severity: head.severity,
    status: head.status,
    stageIndex: head.stageIndex,
    stageCount: playbook.stages.length,
    stageName: stageAt(playbook, head.stageIndex).name,
    services: head.services,
    hosts: head.hosts,
    detectedAt: head.detectedAt,
    acknowledgedAt: head.acknowledgedAt,
    resolvedAt: head.resolvedAt,
    commander: head.roles.commander,
    revision: head.revision,
    timers: dueTimers(withoutTimeline(head), playbook, now),
  };
}

const STATUS_ORDER = { active: 0, resolved: 1, closed: 2 } as const;

/** Active incidents first, then resolved, then closed; newest detection first within each. */
export function compareListItems(a: IncidentListItem, b: IncidentListItem): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || b.detectedAt - a.detectedAt || b.id.localeCompare(a.id);
}

export interface DetailInput {
  incident: Incident;
  playbook: Playbook;
  playbookVersion: number;
  now: number;
  user: string;
  hasPostmortem: boolean;
}

export function incidentDetail(input: DetailInput): IncidentDetail {
  const { incident, playbook } = input;
  return {
    incident,
    playbook,
    playbookVersion: input.playbookVersion,
    timers: dueTimers(incident, playbook, input.now),
    timelineText: incident.timeline.map((e) => ({ seq: e.seq, ko: describeTimelineEntry(e, playbook, 'ko'), en: describeTimelineEntry(e, playbook, 'en') })),
    postmortemRequired: postmortemRequired(incident, playbook),
    hasPostmortem: input.hasPostmortem,
    user: input.user,
  };
}

export interface PostmortemViewInput {
  postmortem: Postmortem;
  revision: number;
  incident: Incident;
  playbook: Playbook;
  now: number;
  timeZone?: string;
}

export function postmortemView(input: PostmortemViewInput): PostmortemView {
  const { postmortem: pm, incident, playbook, now } = input;
  const zone = input.timeZone ?? DEFAULT_TIME_ZONE;
  const ko = blamelessGuidance(playbook, 'ko');
  const en = blamelessGuidance(playbook, 'en');
  const prose = [pm.summary, pm.trigger, pm.detection, pm.resolution, pm.impact.description, ...pm.rootCauses, ...pm.wentWell, ...pm.wentWrong, ...pm.gotLucky].join('\n');
  return {
    postmortem: pm,
    revision: input.revision,
    required: postmortemRequired(incident, playbook),
    reviewDueDate: postmortemReviewDueDate(incident, playbook, zone),
    overdueItemIds: overdueActionItems(pm, now, zone).map((i) => i.id),
    guidance: { ko: ko.guidance, en: en.guidance },
    reviewQuestions: { ko: ko.reviewQuestions, en: en.reviewQuestions },
    defaultDueDates: {
      corrective: defaultActionItemDueDate('corrective', playbook, now, zone),
      preventive: defaultActionItemDueDate('preventive', playbook, now, zone),
    },
    wordingWarnings: wordingWarnings(prose, playbook),
    timeline: { ko: postmortemTimeline(pm, incident, playbook, 'ko'), en: postmortemTimeline(pm, incident, playbook, 'en') },
  };
}

/** Severities whose time counts as downtime under a playbook. */
export function countsAsDowntime(playbook: Playbook, severity: Severity): boolean {
  return playbook.severities.some((s) => s.id === severity && s.countsAsDowntime);
}

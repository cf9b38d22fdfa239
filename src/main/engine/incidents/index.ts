// The incident engine's public surface: the pure pieces the store, the contract and the
// reports are wired from. Everything here is deterministic given its arguments.
export { DEFAULT_PLAYBOOK } from './default-playbook';
export { applyIncidentCommand, applyIncidentCommands, type IncidentContext, type IncidentResult } from './state-machine';
export { customFieldIds, findItem, missingRequiredItems, stageAt, stageIndexOf, statusUpdateCadenceMinutes } from './playbook';
export { dueTimers, overdueTimers, statusUpdateAnchor, type DueTimer } from './timers';
export { composeMessage, findResolutionPromises, renderTemplate, templateValues, type ComposedMessage, type ComposeOptions, type RenderResult } from './templates';
export { describeTimelineEntry, ROLE_NAMES } from './timeline-text';
export {
  blamelessGuidance,
  daysOverdue,
  defaultActionItemDueDate,
  draftPostmortem,
  impactDurationMs,
  overdueActionItems,
  postmortemRequired,
  postmortemReviewDueDate,
  postmortemTimeline,
  postmortemToMarkdown,
  wordingWarnings,
  type MarkdownOptions,
} from './postmortem';
export {
  availabilityByService,
  downtimeSeverities,
  durationStats,
  incidentReportRows,
  incidentsBySeverityPerMonth,
  incidentsByServicePerMonth,
  mtta,
  mttr,
  overdueActions,
  type AvailabilityRow,
  type DurationStats,
  type OverdueActionRow,
  type Period,
} from './metrics';
export { csvCell, toCsv, type CsvCell, type CsvOptions } from './csv';
export { draftFromHostSnapshot, metricSnapshotOf } from './drafts';
export { formatDuration, formatLocalTime, localDate, localMonth } from './local-time';

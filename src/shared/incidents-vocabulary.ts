// The words of incident response as fixed lists: languages, severities, roles, statuses,
// update phases, audiences, the events that tick checklist items, and the error codes of the
// incident modules. Each list is a const array with its union type beside it.
import type { ErrorCode } from './errors';

export type IncidentLang = 'ko' | 'en';
export const INCIDENT_LANGS: readonly IncidentLang[] = ['ko', 'en'];

/** Lower is more urgent. When unsure, pick the higher severity and review it afterwards. */
export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Roles are hats, not job titles: one person may wear several in a small incident. */
export const INCIDENT_ROLES = ['commander', 'communications', 'scribe', 'resolver'] as const;
export type IncidentRole = (typeof INCIDENT_ROLES)[number];
/** Roles held by one person at a time; a new assignment is a handoff. */
export const SINGLE_HOLDER_ROLES = ['commander', 'communications', 'scribe'] as const;

export const INCIDENT_STATUSES = ['active', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** Public status-page phases, optional on an update. */
export const UPDATE_PHASES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type UpdatePhase = (typeof UPDATE_PHASES)[number];

export const AUDIENCES = ['internal', 'customer'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Events that can tick a checklist item by themselves (see ChecklistItem.autoCheckOn). */
export const AUTO_CHECK_EVENTS = ['acknowledged', 'recovery-started', 'resolved', 'internal-update', 'customer-update'] as const;
export type AutoCheckEvent = (typeof AUTO_CHECK_EVENTS)[number];

/** Stable codes of every OpsError the incident modules throw. */
export const INCIDENT_ERROR_CODES = [
  'INVALID_PLAYBOOK',
  'INVALID_COMMAND',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'INCIDENT_EXISTS',
  'INCIDENT_CLOSED',
  'REASON_REQUIRED',
  'STAGE_INCOMPLETE',
  'NO_NEXT_STAGE',
  'UNKNOWN_STAGE',
  'STAGE_NOT_REACHED',
  'UNKNOWN_ITEM',
  'ITEM_ALREADY_DONE',
  'ITEM_NOT_DONE',
  'ITEM_NOT_REACHED',
  'UNKNOWN_FIELD',
  'FIELD_READ_ONLY',
  'NO_CHANGE',
  'ROLE_NOT_HELD',
  'ALREADY_ACKNOWLEDGED',
  'NOT_ACKNOWLEDGED',
  'RECOVERY_ALREADY_STARTED',
  'ALREADY_RESOLVED',
  'NOT_RESOLVED',
  'REVISION_CONFLICT',
] as const satisfies readonly ErrorCode[];
export type IncidentErrorCode = (typeof INCIDENT_ERROR_CODES)[number];

/** The default zone for dates a person reads (Korean-first); callers pass the user's zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Seoul';

// The incident as a pure reducer: (incident, command, context) -> the next incident plus the
// timeline entries the command produced. No I/O and no clock: the caller passes `now` and the
// local user name, and stores the result. A refused command throws an OpsError with a stable
// code and leaves the input untouched.
import { OpsError, type ErrorCode, type ErrorData } from '../../../shared/errors';
import {
  isBuiltinPlaceholder,
  parseIncidentCommand,
  type AutoCheckEvent,
  type Incident,
  type IncidentCommand,
  type IncidentCommandType,
  type IncidentStatus,
  type Playbook,
  type TimelineEntry,
} from '../../../shared/incidents';
import { customFieldIds, findItem, missingRequiredItems, stageAt, stageIndexOf } from './playbook';

export interface IncidentContext {
  /** Milliseconds since the epoch. */
  now: number;
  /** Local user name, recorded on every timeline entry. */
  user: string;
  playbook: Playbook;
}

export interface IncidentResult {
  incident: Incident;
  /** The entries this command appended, oldest first (also at the end of incident.timeline). */
  timelineEntries: TimelineEntry[];
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type EntryDraft = DistributiveOmit<TimelineEntry, 'seq' | 'ts' | 'user'>;
type Command<K extends IncidentCommandType> = Extract<IncidentCommand, { type: K }>;

/** What a handler may do besides editing the working copy. */
interface Run {
  /** The command's time: `now`, but never earlier than the last entry, so the timeline stays ordered. */
  ts: number;
  user: string;
  playbook: Playbook;
  log(entry: EntryDraft): void;
}

function fail(code: ErrorCode, message: string, data?: ErrorData): never {
  throw new OpsError(code, message, data);
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';
const orNull = (s: string | undefined): string | null => (blank(s) ? null : s!.trim());

export function applyIncidentCommand(incident: Incident | null, rawCommand: IncidentCommand, ctx: IncidentContext): IncidentResult {
  const command = parseIncidentCommand(rawCommand);
  const user = ctx.user.trim();
  if (user === '' || user.length > 100) fail('INVALID_ARGUMENT', 'Every incident change needs the name of the person making it (1 to 100 characters).');
  if (!Number.isSafeInteger(ctx.now) || ctx.now < 0) fail('INVALID_ARGUMENT', `The time of a change must be a whole number of milliseconds, not ${ctx.now}.`);

  if (command.type === 'create') {
    if (incident) fail('INCIDENT_EXISTS', `Incident ${incident.id} already exists; a create command starts a new one.`);
    return finish(null, (run) => create(command, run), ctx, user);
  }
  if (!incident) return fail('NOT_FOUND', `There is no incident to apply "${command.type}" to; create it first.`);
  if (!ctx.playbook.stages[incident.stageIndex])
    fail('INVALID_ARGUMENT', `Incident ${incident.id} is at stage ${incident.stageIndex + 1}, but this playbook has ${ctx.playbook.stages.length} stages.`);
  guardStatus(incident.status, command.type);
  const handler = HANDLERS[command.type] as (inc: Incident, cmd: IncidentCommand, run: Run) => void;
  return finish(incident, (run, working) => handler(working!, command, run), ctx, user);
}

function finish(base: Incident | null, apply: (run: Run, working: Incident | null) => Incident | void, ctx: IncidentContext, user: string): IncidentResult {
  const previous = base?.timeline ?? [];
  const lastTs = previous.at(-1)?.ts ?? 0;
  const entries: TimelineEntry[] = [];
  const run: Run = {
    ts: Math.max(ctx.now, lastTs),
    user,
    playbook: ctx.playbook,
    log(draft) {
      entries.push({ ...draft, seq: previous.length + entries.length + 1, ts: run.ts, user } as TimelineEntry);
    },
  };
  // Work on a deep copy; the timeline is shared and only ever appended to.
  const working = base ? { ...structuredClone({ ...base, timeline: [] }), timeline: previous } : null;
  const created = apply(run, working);
  const next = (created ?? working)!;
  return {
    incident: { ...next, revision: base ? base.revision + 1 : 1, timeline: [...previous, ...entries] },
    timelineEntries: entries,
  };
}

// ---------------------------------------------------------------------------------------------
// Which commands an incident accepts in each status

const ACCEPTED_IN: Record<Exclude<IncidentCommandType, 'create'>, readonly IncidentStatus[]> = {
  acknowledge: ['active'],
  setSeverity: ['active', 'resolved'],
  assignRole: ['active', 'resolved'],
  releaseRole: ['active', 'resolved'],
  checkItem: ['active', 'resolved'],
  skipItem: ['active', 'resolved'],
  uncheckItem: ['active', 'resolved'],
  advanceStage: ['active', 'resolved'],
  addNote: ['active', 'resolved', 'closed'],
  postUpdate: ['active', 'resolved'],
  attachMetrics: ['active', 'resolved'],
  attachLogLines: ['active', 'resolved'],
  updateDetails: ['active', 'resolved'],
  setField: ['active', 'resolved'],
  markRecoveryStarted: ['active'],
  resolve: ['active'],
  close: ['resolved'],
  reopen: ['active', 'resolved', 'closed'],
};

function guardStatus(status: IncidentStatus, type: Exclude<IncidentCommandType, 'create'>): void {
  if (ACCEPTED_IN[type].includes(status)) return;
  if (status === 'closed') fail('INCIDENT_CLOSED', `The incident is closed; reopen it before "${type}".`);
  if (status === 'resolved') fail('ALREADY_RESOLVED', `The incident is already resolved; reopen it before "${type}".`);
  fail('NOT_RESOLVED', `The incident is still active; resolve it before "${type}".`);
}

// ---------------------------------------------------------------------------------------------
// Handlers, one per command

function create(cmd: Command<'create'>, run: Run): Incident {
  const detectedAt = cmd.detectedAt ?? run.ts;
  if (detectedAt > run.ts) fail('INVALID_COMMAND', 'The detection time lies in the future; use the time the problem was first seen.');
  const hosts = [...(cmd.hosts ?? [])];
  const services = [...(cmd.services ?? [])];
  const src = cmd.source;
  if ((src.kind === 'host' || src.kind === 'threshold') && !hosts.includes(src.targetId)) hosts.unshift(src.targetId);
  if (src.kind === 'service' && !services.includes(src.serviceId)) services.unshift(src.serviceId);
  run.log({ kind: 'created', title: cmd.title, severity: cmd.severity, source: src, snapshot: cmd.snapshot ?? null });
  return {
    id: cmd.id,
    playbookId: run.playbook.id,
    title: cmd.title,
    severity: cmd.severity,
    status: 'active',
    stageIndex: 0,
    stageEnteredAt: run.ts,
    source: src,
    services,
    hosts,
    impact: cmd.impact ?? '',
    workaround: '',
    fields: {},
    roles: { commander: null, communications: null, scribe: null, resolvers: [] },
    checklist: {},
    createdAt: run.ts,
    createdBy: run.user,
    detectedAt,
    acknowledgedAt: null,
    recoveryStartedAt: null,
    resolvedAt: null,
    closedAt: null,
    lastStatusUpdateAt: null,
    lastReopenedAt: null,
    reopenCount: 0,
    revision: 1,
    timeline: [],
  };
}

/** Ticks every open item that the playbook links to this event. */
function autoCheck(inc: Incident, event: AutoCheckEvent, run: Run): void {
  for (const stage of run.playbook.stages)
    for (const item of stage.checklist) {
      if (item.autoCheckOn !== event || inc.checklist[item.id]) continue;
      inc.checklist[item.id] = { state: 'done', at: run.ts, by: run.user, reason: null, auto: true };
      run.log({ kind: 'item-checked', stageId: stage.id, itemId: item.id, note: null, auto: true });
    }
}

function locateItem(run: Run, itemId: string) {
  return findItem(run.playbook, itemId) ?? fail('UNKNOWN_ITEM', `The playbook has no checklist item "${itemId}".`);
}

/**
 * An item a person ticks or skips by hand belongs to the current stage or an earlier one: a
 * later stage's "confirm normal operation" ticked in stage 1 would claim work nobody did. Events
 * (acknowledged, resolved, a posted notice) still tick items of any stage.
 */
function locateReachedItem(inc: Incident, run: Run, itemId: string) {
  const found = locateItem(run, itemId);
  if (found.stageIndex > inc.stageIndex)
    fail('ITEM_NOT_REACHED', `"${found.item.text.en}" belongs to stage ${found.stageIndex + 1}; the incident is at stage ${inc.stageIndex + 1}.`, {
      stage: found.stageIndex + 1,
    });
  return found;
}

type Handlers = { [K in Exclude<IncidentCommandType, 'create'>]: (inc: Incident, cmd: Command<K>, run: Run) => void };

const HANDLERS: Handlers = {
  acknowledge(inc, _cmd, run) {
    if (inc.acknowledgedAt !== null) fail('ALREADY_ACKNOWLEDGED', 'The incident was already acknowledged.');
    inc.acknowledgedAt = run.ts;
    run.log({ kind: 'acknowledged' });
    autoCheck(inc, 'acknowledged', run);
  },

  setSeverity(inc, cmd, run) {
    if (cmd.severity === inc.severity) fail('NO_CHANGE', `The severity is already ${cmd.severity}.`);
    run.log({ kind: 'severity-changed', from: inc.severity, to: cmd.severity, reason: orNull(cmd.reason) });
    inc.severity = cmd.severity;
  },

  assignRole(inc, cmd, run) {
    if (cmd.role === 'resolver') {
      if (inc.roles.resolvers.includes(cmd.person)) fail('NO_CHANGE', `${cmd.person} is already a resolver.`);
      inc.roles.resolvers.push(cmd.person);
      run.log({ kind: 'role-assigned', role: cmd.role, person: cmd.person, previous: null });
      return;
    }
    const previous = inc.roles[cmd.role];
    if (previous === cmd.person) fail('NO_CHANGE', `${cmd.person} already holds the ${cmd.role} role.`);
    inc.roles[cmd.role] = cmd.person;
    run.log({ kind: 'role-assigned', role: cmd.role, person: cmd.person, previous });
  },

  releaseRole(inc, cmd, run) {
    if (cmd.role === 'resolver') {
      if (!inc.roles.resolvers.includes(cmd.person)) fail('ROLE_NOT_HELD', `${cmd.person} is not a resolver on this incident.`);
      inc.roles.resolvers = inc.roles.resolvers.filter((p) => p !== cmd.person);
    } else {
      if (inc.roles[cmd.role] !== cmd.person) fail('ROLE_NOT_HELD', `${cmd.person} does not hold the ${cmd.role} role.`);
      inc.roles[cmd.role] = null;
    }
    run.log({ kind: 'role-released', role: cmd.role, person: cmd.person });
  },

  checkItem(inc, cmd, run) {
    const { stage, item } = locateReachedItem(inc, run, cmd.itemId);
    if (inc.checklist[item.id]?.state === 'done') fail('ITEM_ALREADY_DONE', `"${item.text.en}" is already done.`);
    inc.checklist[item.id] = { state: 'done', at: run.ts, by: run.user, reason: null, auto: false };
    run.log({ kind: 'item-checked', stageId: stage.id, itemId: item.id, note: orNull(cmd.note), auto: false });
  },

  skipItem(inc, cmd, run) {
    const { stage, item } = locateReachedItem(inc, run, cmd.itemId);
    const current = inc.checklist[item.id];
    if (current) fail('ITEM_ALREADY_DONE', `"${item.text.en}" is already ${current.state}.`);
    if (item.required && blank(cmd.reason))
      fail('REASON_REQUIRED', `"${item.text.en}" is required; skipping it needs a written reason.`);
    const reason = orNull(cmd.reason);
    inc.checklist[item.id] = { state: 'skipped', at: run.ts, by: run.user, reason, auto: false };
    run.log({ kind: 'item-skipped', stageId: stage.id, itemId: item.id, reason });
  },

  uncheckItem(inc, cmd, run) {
    const { stage, item } = locateItem(run, cmd.itemId);
    if (!inc.checklist[item.id]) fail('ITEM_NOT_DONE', `"${item.text.en}" is neither done nor skipped.`);
    delete inc.checklist[item.id];
    run.log({ kind: 'item-unchecked', stageId: stage.id, itemId: item.id, reason: orNull(cmd.reason) });
  },

  advanceStage(inc, _cmd, run) {
    const from = stageAt(run.playbook, inc.stageIndex);
    const to = run.playbook.stages[inc.stageIndex + 1];
    if (!to) fail('NO_NEXT_STAGE', `"${from.name.en}" is the last stage; resolve and close the incident instead.`);
    if (inc.acknowledgedAt === null) fail('NOT_ACKNOWLEDGED', 'Someone has to acknowledge the incident before it moves on.');
    const missing = missingRequiredItems(inc, run.playbook);
    if (missing.length > 0)
      fail('STAGE_INCOMPLETE', `"${from.name.en}" still has required items open: ${missing.map((i) => `${i.id} (${i.text.en})`).join('; ')}. Do them or skip them with a reason.`);
    inc.stageIndex += 1;
    inc.stageEnteredAt = run.ts;
    run.log({ kind: 'stage-advanced', from: from.id, to: to.id });
  },

  addNote(_inc, cmd, run) {
    if (blank(cmd.text)) fail('INVALID_COMMAND', 'A note needs some text.');
    run.log({ kind: 'note', text: cmd.text.trim() });
  },

  postUpdate(inc, cmd, run) {
    if (blank(cmd.message)) fail('INVALID_COMMAND', 'A status update needs the text that was sent.');
    inc.lastStatusUpdateAt = run.ts;
    run.log({ kind: 'status-update', audience: cmd.audience, message: cmd.message.trim(), phase: cmd.phase ?? null });
    autoCheck(inc, cmd.audience === 'customer' ? 'customer-update' : 'internal-update', run);
  },

  attachMetrics(_inc, cmd, run) {
    run.log({ kind: 'metrics-attached', snapshot: cmd.snapshot });
  },

  attachLogLines(_inc, cmd, run) {
    run.log({ kind: 'logs-attached', evidence: cmd.evidence });
  },

  updateDetails(inc, cmd, run) {
    const changes: Array<{ field: string; from: string; to: string }> = [];
    for (const field of ['title', 'impact', 'workaround'] as const) {
      const value = cmd[field];
      if (value === undefined || value === inc[field]) continue;
      changes.push({ field, from: inc[field], to: value });
      inc[field] = value;
    }
    for (const field of ['services', 'hosts'] as const) {
      const value = cmd[field];
      if (value === undefined || value.join('\n') === inc[field].join('\n')) continue;
      changes.push({ field, from: inc[field].join(', '), to: value.join(', ') });
      inc[field] = [...value];
    }
    if (changes.length === 0) fail('NO_CHANGE', 'The details are already as given.');
    run.log({ kind: 'details-updated', changes });
  },

  setField(inc, cmd, run) {
    if (isBuiltinPlaceholder(cmd.fieldId)) fail('FIELD_READ_ONLY', `"${cmd.fieldId}" comes from the incident record; change it with its own command.`);
    if (!customFieldIds(run.playbook).has(cmd.fieldId)) fail('UNKNOWN_FIELD', `The playbook shares no field "${cmd.fieldId}".`);
    if ((inc.fields[cmd.fieldId] ?? '') === cmd.value) fail('NO_CHANGE', `"${cmd.fieldId}" already has this value.`);
    if (cmd.value === '') delete inc.fields[cmd.fieldId];
    else inc.fields[cmd.fieldId] = cmd.value;
    run.log({ kind: 'field-set', fieldId: cmd.fieldId, value: cmd.value });
  },

  markRecoveryStarted(inc, cmd, run) {
    if (inc.recoveryStartedAt !== null) fail('RECOVERY_ALREADY_STARTED', 'Recovery was already marked as started.');
    inc.recoveryStartedAt = run.ts;
    run.log({ kind: 'recovery-started', note: orNull(cmd.note) });
    autoCheck(inc, 'recovery-started', run);
  },

  resolve(inc, cmd, run) {
    inc.status = 'resolved';
    inc.resolvedAt = run.ts;
    run.log({ kind: 'resolved', note: orNull(cmd.note) });
    autoCheck(inc, 'resolved', run);
  },

  close(inc, _cmd, run) {
    const lastIndex = run.playbook.stages.length - 1;
    const last = stageAt(run.playbook, lastIndex);
    if (inc.stageIndex !== lastIndex) fail('STAGE_INCOMPLETE', `Closing needs the last stage, "${last.name.en}"; the incident is still at stage ${inc.stageIndex + 1}.`);
    const missing = missingRequiredItems(inc, run.playbook);
    if (missing.length > 0)
      fail('STAGE_INCOMPLETE', `"${last.name.en}" still has required items open: ${missing.map((i) => `${i.id} (${i.text.en})`).join('; ')}.`);
    inc.status = 'closed';
    inc.closedAt = run.ts;
    run.log({ kind: 'closed' });
  },

  reopen(inc, cmd, run) {
    if (blank(cmd.reason)) fail('REASON_REQUIRED', 'Reopening needs a written reason.');
    const target = stageIndexOf(run.playbook, cmd.toStageId);
    if (target < 0) fail('UNKNOWN_STAGE', `The playbook has no stage "${cmd.toStageId}".`);
    if (target > inc.stageIndex) fail('STAGE_NOT_REACHED', `The incident never reached "${cmd.toStageId}"; it can only go back.`);
    if (inc.status === 'active' && target === inc.stageIndex) fail('NO_CHANGE', `The incident is already active at "${cmd.toStageId}".`);
    const fromStage = stageAt(run.playbook, inc.stageIndex).id;
    const fromStatus = inc.status;
    // The stages from the target on are walked again; what was done before stays in the timeline.
    for (const stage of run.playbook.stages.slice(target)) for (const item of stage.checklist) delete inc.checklist[item.id];
    inc.status = 'active';
    inc.stageIndex = target;
    inc.stageEnteredAt = run.ts;
    inc.resolvedAt = null;
    inc.closedAt = null;
    inc.lastReopenedAt = run.ts;
    inc.reopenCount += 1;
    run.log({ kind: 'reopened', fromStatus, fromStage, toStage: cmd.toStageId, reason: cmd.reason.trim() });
  },
};

/** Applies commands in order, as the store would on replay; throws on the first refused one. */
export function applyIncidentCommands(incident: Incident | null, commands: readonly IncidentCommand[], ctx: IncidentContext): Incident {
  let current = incident;
  for (const command of commands) current = applyIncidentCommand(current, command, ctx).incident;
  if (!current) fail('NOT_FOUND', 'No command created an incident.');
  return current!;
}

export { missingRequiredItems };

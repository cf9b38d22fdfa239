// The incident service: opens incidents (by hand, from a host's latest reading, from a
// service), applies commands with an optimistic revision check, and answers the incident
// room. Every change is one durable transaction (record + timeline + audit), and listeners
// hear about it after the commit.
import { OpsError } from '../../../shared/errors';
import { DEFAULT_TIME_ZONE, type IncidentCommand, type Playbook } from '../../../shared/incidents';
import type {
  ApplyIncidentCommandArgs,
  ComposedMessageView,
  ComposeMessageArgs,
  CreateIncidentArgs,
  IncidentChangedEvent,
  IncidentDetail,
  IncidentDraft,
  IncidentListItem,
} from '../../../shared/incidents-contract';
import type { HostSnapshot } from '../../../shared/model';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { IncidentStore, StoredIncident } from '../store';
import { DEFAULT_PLAYBOOK } from './default-playbook';
import { draftFromHostSnapshot } from './drafts';
import type { AlertIncidentPlan } from './from-alert';
import { PlaybookRegistry } from './playbook-registry';
import { applyIncidentCommand } from './state-machine';
import { composeMessage, findResolutionPromises } from './templates';
import { compareListItems, incidentDetail, listItem } from './views';

type CreateCommand = Extract<IncidentCommand, { type: 'create' }>;

export interface WatchedHost {
  name: string;
  snapshot: HostSnapshot | null;
}

export interface IncidentServiceDeps {
  store: IncidentStore;
  clock: Clock;
  logger: Logger;
  /** The local user name recorded as the author of every change. */
  user: string;
  /** The shipped playbook; tests pass their own. */
  bundledPlaybook?: Playbook;
  /** A watched target's name and latest reading; null when no such target is watched. */
  hostOf(targetId: string): WatchedHost | null;
  onChange(event: IncidentChangedEvent): void;
}

/** "INC-0042": short enough to say on a call and to put in a customer notice. */
export const formatIncidentId = (n: number) => `INC-${String(n).padStart(4, '0')}`;

export function checkTimeZone(zone: string | undefined): string {
  if (zone === undefined) return DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new OpsError('INVALID_ARGUMENT', `"${zone}" is not a time zone this computer knows; use a name such as Asia/Seoul.`);
  }
}

export class IncidentService {
  readonly playbooks: PlaybookRegistry;

  constructor(private readonly deps: IncidentServiceDeps) {
    this.playbooks = new PlaybookRegistry(deps.store, deps.bundledPlaybook ?? DEFAULT_PLAYBOOK);
  }

  get user(): string {
    return this.deps.user;
  }

  list(): IncidentListItem[] {
    const now = this.deps.clock.now();
    return this.deps.store
      .listIncidentHeads()
      .flatMap((h) => {
        try {
          return [listItem(h.incident, this.playbooks.byVersion(h.playbookVersion), now)];
        } catch (err) {
          this.deps.logger.log('warn', 'incident-list-skipped', { id: h.incident.id, message: String(err) });
          return [];
        }
      })
      .sort(compareListItems);
  }

  get(id: string): IncidentDetail {
    return this.detail(this.require(id));
  }

  /** What the "start incident" dialog shows for a host: the worst breach, its time and readings. */
  draftFromHost(targetId: string): IncidentDraft {
    const host = this.deps.hostOf(targetId);
    if (!host) throw new OpsError('UNKNOWN_TARGET', `No target "${targetId}" is being watched. Pick one from the overview.`);
    const cmd = this.hostCommand(targetId, host);
    return { title: cmd.title, severity: cmd.severity, detectedAt: cmd.detectedAt ?? this.deps.clock.now(), source: cmd.source, hosts: cmd.hosts ?? [targetId], hostName: host.name, snapshot: cmd.snapshot ?? null };
  }

  /** `user`: who made the change (a listed responder), the OS account by default. */
  create(args: CreateIncidentArgs, user: string = this.deps.user): IncidentDetail {
    const cmd = this.createCommand(args);
    const now = this.deps.clock.now();
    const stored = this.deps.store.write((w) => {
      const id = formatIncidentId(w.nextIncidentNumber());
      const playbookVersion = this.playbooks.pinCurrent(w, now, user);
      const { incident } = applyIncidentCommand(null, { ...cmd, id }, { now, user, playbook: this.playbooks.byVersion(playbookVersion) });
      w.insertIncident(incident, playbookVersion, now);
      w.audit({ ts: now, who: user, action: 'incident.create', subjectKind: 'incident', subjectId: id, detail: { from: args.from, title: incident.title, severity: incident.severity } });
      return { incident, playbookVersion };
    });
    this.deps.logger.log('info', 'incident-created', { id: stored.incident.id, severity: stored.incident.severity, from: args.from });
    this.emit({ kind: 'created', incidentId: stored.incident.id, revision: 1, timerIds: [] });
    return this.detail(stored);
  }

  /**
   * Opens an incident for a firing critical alert (issue 12): the create command and stage 1's
   * share fields in one durable transaction, so the room never shows it half filled in.
   */
  createFromAlert(plan: AlertIncidentPlan): IncidentDetail {
    const now = this.deps.clock.now();
    const { user } = this.deps;
    const { from: _from, ...c } = plan.create;
    const stored = this.deps.store.write((w) => {
      const id = formatIncidentId(w.nextIncidentNumber());
      const playbookVersion = this.playbooks.pinCurrent(w, now, user);
      const playbook = this.playbooks.byVersion(playbookVersion);
      const created = applyIncidentCommand(null, { type: 'create', id, ...c, detectedAt: Math.min(c.detectedAt ?? now, now) }, { now, user, playbook });
      let incident = created.incident;
      w.insertIncident(incident, playbookVersion, now);
      for (const field of plan.fields) {
        const revision = incident.revision;
        const step = applyIncidentCommand(incident, { type: 'setField', fieldId: field.fieldId, value: field.value }, { now, user, playbook });
        w.updateIncident(step.incident, revision, step.timelineEntries, now);
        incident = step.incident;
      }
      w.audit({ ts: now, who: user, action: 'incident.create', subjectKind: 'incident', subjectId: id, detail: { from: 'alert', title: incident.title, severity: incident.severity } });
      return { incident, playbookVersion };
    });
    this.deps.logger.log('info', 'incident-created', { id: stored.incident.id, severity: stored.incident.severity, from: 'alert' });
    this.emit({ kind: 'created', incidentId: stored.incident.id, revision: stored.incident.revision, timerIds: [] });
    return this.detail(stored);
  }

  apply({ id, revision, command }: ApplyIncidentCommandArgs, user: string = this.deps.user): IncidentDetail {
    // The argument schema already refuses it; in-process callers get the same answer.
    if ((command as IncidentCommand).type === 'create') throw new OpsError('INVALID_COMMAND', 'Open a new incident with createIncident, not with a create command.');
    const now = this.deps.clock.now();
    const stored = this.deps.store.write((w) => {
      // Read inside the write lock: the revision compared is the one the update replaces.
      const current = w.getIncident(id) ?? this.notFound(id);
      if (current.incident.revision !== revision) {
        throw new OpsError(
          'REVISION_CONFLICT',
          `Incident ${id} changed after you opened it (now revision ${current.incident.revision}, yours ${revision}), so "${command.type}" was not applied. Reload to see the latest version, then make your change again.`,
        );
      }
      const playbook = this.playbooks.byVersion(current.playbookVersion);
      const result = applyIncidentCommand(current.incident, command, { now, user, playbook });
      w.updateIncident(result.incident, revision, result.timelineEntries, now);
      w.audit({ ts: now, who: user, action: `incident.${command.type}`, subjectKind: 'incident', subjectId: id, detail: { revision: result.incident.revision, command } });
      return { incident: result.incident, playbookVersion: current.playbookVersion };
    });
    this.emit({ kind: 'updated', incidentId: id, revision: stored.incident.revision, timerIds: [] });
    return this.detail(stored);
  }

  compose(args: ComposeMessageArgs): ComposedMessageView {
    const { incident, playbookVersion } = this.require(args.id);
    const playbook = this.playbooks.byVersion(playbookVersion);
    const message = composeMessage(incident, playbook, args.templateId, {
      lang: args.lang,
      now: this.deps.clock.now(),
      timeZone: checkTimeZone(args.timeZone),
      update: args.update,
      nextUpdateAt: args.nextUpdateAt,
    });
    const template = playbook.templates.find((t) => t.id === args.templateId)!;
    return {
      templateId: message.templateId,
      audience: message.audience,
      final: template.final,
      lang: message.lang,
      text: message.text,
      segments: message.segments,
      uses: message.uses,
      missing: message.missing,
      unknown: message.unknown,
      errors: message.errors,
      // Customers are never promised a time of repair; internal notes may estimate one.
      promises: message.audience === 'customer' ? findResolutionPromises(message.text) : [],
      complete: message.complete,
    };
  }

  require(id: string): StoredIncident {
    return this.deps.store.getIncident(id) ?? this.notFound(id);
  }

  emit(event: IncidentChangedEvent): void {
    this.deps.onChange(event);
  }

  private detail(stored: StoredIncident): IncidentDetail {
    return incidentDetail({
      incident: stored.incident,
      playbook: this.playbooks.byVersion(stored.playbookVersion),
      playbookVersion: stored.playbookVersion,
      now: this.deps.clock.now(),
      user: this.deps.user,
      hasPostmortem: this.deps.store.getPostmortem(stored.incident.id) !== null,
    });
  }

  private createCommand(args: CreateIncidentArgs): Omit<CreateCommand, 'id'> {
    switch (args.from) {
      case 'manual':
        return { type: 'create', title: args.title, severity: args.severity, source: { kind: 'manual' }, services: args.services, hosts: args.hosts, impact: args.impact, detectedAt: args.detectedAt };
      case 'service':
        return { type: 'create', title: args.title, severity: args.severity, source: { kind: 'service', serviceId: args.serviceId }, impact: args.impact, detectedAt: args.detectedAt };
      case 'host': {
        const host = this.deps.hostOf(args.targetId);
        if (!host) throw new OpsError('UNKNOWN_TARGET', `No target "${args.targetId}" is being watched. Pick one from the overview.`);
        const draft = this.hostCommand(args.targetId, host);
        // What the person changed in the dialog wins over what the reading suggested.
        return {
          ...draft,
          title: args.title ?? draft.title,
          severity: args.severity ?? draft.severity,
          impact: args.impact,
          services: args.services,
          detectedAt: args.detectedAt ?? draft.detectedAt,
        };
      }
    }
  }

  private hostCommand(targetId: string, host: WatchedHost): Omit<CreateCommand, 'id'> {
    const { snapshot } = host;
    if (snapshot) {
      const { id: _unused, ...draft } = draftFromHostSnapshot(snapshot, { id: 'draft', hostName: host.name });
      // A reading from a stopped clock or another zone must not put detection in the future.
      return { ...draft, detectedAt: Math.min(snapshot.ts, this.deps.clock.now()) };
    }
    return { type: 'create', title: host.name, severity: 'SEV4', source: { kind: 'host', targetId }, hosts: [targetId] };
  }

  private notFound(id: string): never {
    throw new OpsError('NOT_FOUND', `There is no incident ${id}. It may have been opened in another OpsDeck data folder.`);
  }
}


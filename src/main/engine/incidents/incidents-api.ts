// The incident half of the OpsApi, wired to the store when the engine starts: methods, the
// change event and the periodic overdue check. engine.ts spreads `methods` into its api.
import type { OpsApi, Unsubscribe } from '../../../shared/api';
import { OpsError } from '../../../shared/errors';
import { PLAYBOOK_FILE_EXTENSION } from '../../../shared/file-types';
import { playbookToJson, type Playbook } from '../../../shared/incidents';
import type { IncidentChangedEvent } from '../../../shared/incidents-contract';
import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { JobSpec } from '../core/scheduler';
import type { IncidentStore } from '../store';
import { samePersonName, type PeopleView } from '../../../shared/incidents-people';
import { localUserName } from './local-user';
import { openPeopleStore, type PeopleStore } from './people';
import { OVERDUE_CHECK_MS, OverdueTicker } from './overdue-ticker';
import { PostmortemService } from './postmortem-service';
import { buildIncidentReport, incidentReportCsv } from './report';
import { checkTimeZone, IncidentService, type WatchedHost } from './service';
import type { AlertIncidentPlan } from './from-alert';
import type { Incident } from '../../../shared/incidents';

export type IncidentMethodName =
  | 'listIncidents'
  | 'getIncident'
  | 'draftIncident'
  | 'createIncident'
  | 'applyIncidentCommand'
  | 'composeIncidentMessage'
  | 'getPlaybook'
  | 'importPlaybook'
  | 'exportPlaybook'
  | 'getPostmortem'
  | 'savePostmortem'
  | 'exportPostmortem'
  | 'getIncidentReport'
  | 'exportIncidentReport'
  | 'listPeople'
  | 'savePerson'
  | 'deletePerson'
  | 'exportPeople'
  | 'importPeople'
  | 'onDidChangeIncident';

export interface IncidentsModuleOptions {
  clock: Clock;
  logger: Logger;
  /** Defaults to the local OS user name. */
  user?: string;
  bundledPlaybook?: Playbook;
  checkEveryMs?: number;
  /** Where people.json (the responder list) lives; without it the list is kept in memory only. */
  dataDir?: string;
}

export interface IncidentsModule {
  methods: Pick<OpsApi, IncidentMethodName>;
  /** Opens the service on the engine's store; until then every method answers UNAVAILABLE. */
  attach(store: IncidentStore, hostOf: (targetId: string) => WatchedHost | null): void;
  detach(): void;
  /** The scheduler job that announces timers falling overdue. */
  overdueJob(): JobSpec;
  /** What the alert engine uses (issue 12): open from an alert, read status and roles. */
  forAlerts: {
    open(plan: AlertIncidentPlan): string;
    get(id: string): Incident | null;
    /** Who acknowledged: a name on the responder list as listed, else the OS account. */
    actorName(actor: string | undefined): string;
    /** Where reports get maintenance time per service from. */
    setMaintenanceSource(source: (period: { from: number; until: number }) => Map<string, Array<[number, number]>>): void;
  };
}

export function createIncidentsModule(opts: IncidentsModuleOptions): IncidentsModule {
  const { clock, logger } = opts;
  const user = opts.user ?? localUserName();
  const listeners = new Set<(event: IncidentChangedEvent) => void>();
  const ticker = new OverdueTicker();
  let state: { store: IncidentStore; incidents: IncidentService; postmortems: PostmortemService; people: PeopleStore } | null = null;
  /** The recorded author: a name on the responder list as listed, else the OS account (free text is not trusted). */
  const actorName = (actor: string | undefined): string => {
    if (!actor) return user;
    return ready().people.view().people.find((p) => samePersonName(p.name, actor))?.name ?? user;
  };
  const peopleChanged = (view: PeopleView): PeopleView => {
    emit({ kind: 'people', incidentId: null, revision: null, timerIds: [] });
    return view;
  };
  let maintenanceSource: ((period: { from: number; until: number }) => Map<string, Array<[number, number]>>) | null = null;

  const emit = (event: IncidentChangedEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (err) {
        logger.log('error', 'event-listener-failed', { event: 'incident', error: String(err) });
      }
    }
  };

  const ready = () => {
    if (!state) throw new OpsError('UNAVAILABLE', 'The engine is not running yet. Wait a moment and try again.');
    return state;
  };

  const checkOverdue = () => {
    const { store, incidents } = ready();
    const active = store.listIncidentHeads().filter((h) => h.incident.status === 'active');
    const now = clock.now();
    const news = ticker.check(
      active.map((h) => ({ incident: h.incident, playbook: incidents.playbooks.byVersion(h.playbookVersion) })),
      now,
    );
    for (const n of news) {
      logger.log('info', 'incident-timer-overdue', { id: n.incidentId, timers: n.timerIds });
      emit({ kind: 'timer-overdue', incidentId: n.incidentId, revision: n.revision, timerIds: n.timerIds });
    }
  };

  const methods: IncidentsModule['methods'] = {
    listIncidents: async () => ready().incidents.list(),
    getIncident: async ({ id }) => ready().incidents.get(id),
    draftIncident: async ({ targetId }) => ready().incidents.draftFromHost(targetId),
    createIncident: async (args) => ready().incidents.create(args, actorName(args.actor)),
    applyIncidentCommand: async (args) => ready().incidents.apply(args, actorName(args.actor)),
    composeIncidentMessage: async (args) => ready().incidents.compose(args),
    getPlaybook: async () => ready().incidents.playbooks.current(),
    async importPlaybook({ content }) {
      const info = ready().incidents.playbooks.import(content, clock.now(), user);
      logger.log('info', 'playbook-imported', { version: info.version, id: info.playbook.id });
      emit({ kind: 'playbook', incidentId: null, revision: null, timerIds: [] });
      return info;
    },
    async exportPlaybook() {
      const { playbook } = ready().incidents.playbooks.current();
      return { filename: `${playbook.id}${PLAYBOOK_FILE_EXTENSION}`, mime: 'application/json', content: playbookToJson(playbook) };
    },
    getPostmortem: async ({ incidentId, timeZone }) => ready().postmortems.get(incidentId, timeZone),
    savePostmortem: async (args) => ready().postmortems.save(args),
    exportPostmortem: async ({ incidentId, lang, timeZone }) => ready().postmortems.exportMarkdown(incidentId, lang, timeZone),
    getIncidentReport: async (args) => report(args),
    exportIncidentReport: async (args) => incidentReportCsv(report(args)),
    listPeople: async () => ready().people.view(),
    savePerson: async ({ person }) => peopleChanged(ready().people.save(person)),
    deletePerson: async ({ id }) => peopleChanged(ready().people.remove(id)),
    exportPeople: async () => ({ filename: 'opsdeck-people.json', mime: 'application/json', content: ready().people.exportText() }),
    importPeople: async ({ content }) => peopleChanged(ready().people.importText(content)),
    onDidChangeIncident(listener): Unsubscribe {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };

  function report(args: { from: number; until: number; timeZone?: string }) {
    const { store, incidents } = ready();
    const stored = store.listIncidentHeads().map((h) => ({
      incident: { ...h.incident, timeline: [] },
      playbook: incidents.playbooks.byVersion(h.playbookVersion),
    }));
    return buildIncidentReport({
      incidents: stored,
      postmortems: store.listPostmortems().map((p) => p.postmortem),
      playbook: incidents.playbooks.current().playbook,
      period: { from: args.from, until: args.until },
      now: clock.now(),
      timeZone: checkTimeZone(args.timeZone),
      maintenance: maintenanceSource?.({ from: args.from, until: args.until }),
    });
  }

  return {
    methods,
    attach(store, hostOf) {
      const incidents = new IncidentService({ store, clock, logger, user, bundledPlaybook: opts.bundledPlaybook, hostOf, onChange: emit });
      const people = openPeopleStore({ dataDir: opts.dataDir ?? null, osUser: user, logger, now: () => clock.now() });
      state = { store, incidents, postmortems: new PostmortemService(incidents, store, clock), people };
    },
    detach() {
      state = null;
    },
    forAlerts: {
      open: (plan) => ready().incidents.createFromAlert(plan).incident.id,
      get: (id) => state?.store.getIncident(id)?.incident ?? null,
      setMaintenanceSource: (source) => void (maintenanceSource = source),
      actorName: (actor) => (state ? actorName(actor) : user),
    },
    overdueJob: () => ({
      id: 'incidents:overdue',
      intervalMs: opts.checkEveryMs ?? OVERDUE_CHECK_MS,
      run: async () => {
        if (state) checkOverdue();
      },
    }),
  };
}

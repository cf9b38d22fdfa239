// Incidents through the playbook, their notices, post-mortems and reports.
import type {
  ApplyIncidentCommandArgs,
  ComposedMessageView,
  ComposeMessageArgs,
  CreateIncidentArgs,
  IncidentChangedEvent,
  IncidentDetail,
  IncidentDraft,
  IncidentExportFile,
  IncidentListItem,
  IncidentReport,
  PlaybookInfo,
  PostmortemView,
  ReportArgs,
  SavePostmortemArgs,
} from '../incidents-contract';
import type { PeopleView, PersonInput } from '../incidents-people';
import { defineService, type Unsubscribe } from './define';

export interface IncidentsApi {
  /** Active incidents first, each with its running timers. */
  listIncidents(): Promise<IncidentListItem[]>;
  getIncident(args: { id: string }): Promise<IncidentDetail>;
  /** What a new incident from this host would say: the worst breach, its time and readings. */
  draftIncident(args: { targetId: string }): Promise<IncidentDraft>;
  createIncident(args: CreateIncidentArgs): Promise<IncidentDetail>;
  /** Refused with REVISION_CONFLICT when the incident changed since `revision`. */
  applyIncidentCommand(args: ApplyIncidentCommandArgs): Promise<IncidentDetail>;
  composeIncidentMessage(args: ComposeMessageArgs): Promise<ComposedMessageView>;
  getPlaybook(): Promise<PlaybookInfo>;
  /** Validates a playbook file and makes it the organisation's playbook for new incidents. */
  importPlaybook(args: { content: string }): Promise<PlaybookInfo>;
  exportPlaybook(): Promise<IncidentExportFile>;
  /** The saved post-mortem, or a draft (revision 0) prefilled from the incident. */
  getPostmortem(args: { incidentId: string; timeZone?: string }): Promise<PostmortemView>;
  savePostmortem(args: SavePostmortemArgs): Promise<PostmortemView>;
  exportPostmortem(args: { incidentId: string; lang: 'ko' | 'en'; timeZone?: string }): Promise<IncidentExportFile>;
  getIncidentReport(args: ReportArgs): Promise<IncidentReport>;
  /** The report's incidents as CSV with a byte-order mark (Korean in spreadsheet programs). */
  exportIncidentReport(args: ReportArgs): Promise<IncidentExportFile>;

  /** The named responders the four roles are given to, kept in the data folder. */
  listPeople(): Promise<PeopleView>;
  /** Adds (no id) or changes a person; a name already on the list is refused. */
  savePerson(args: { person: PersonInput }): Promise<PeopleView>;
  deletePerson(args: { id: string }): Promise<PeopleView>;
  /** The list as a JSON file that importPeople reads back. */
  exportPeople(): Promise<IncidentExportFile>;
  /** Adds the file's people (a name already on the list is updated, not doubled). */
  importPeople(args: { content: string }): Promise<PeopleView>;

  onDidChangeIncident(listener: (event: IncidentChangedEvent) => void): Unsubscribe;
}

export const INCIDENTS_API = defineService<IncidentsApi>(
  'incidents',
  {
    listIncidents: { channel: 'opsdeck:list-incidents', access: 'read', noArgument: true },
    createIncident: { channel: 'opsdeck:create-incident', access: 'write' },
    getIncident: { channel: 'opsdeck:get-incident', access: 'read' },
    draftIncident: { channel: 'opsdeck:draft-incident', access: 'read' },
    applyIncidentCommand: { channel: 'opsdeck:apply-incident-command', access: 'write' },
    composeIncidentMessage: { channel: 'opsdeck:compose-incident-message', access: 'read' },
    getPlaybook: { channel: 'opsdeck:get-playbook', access: 'read', noArgument: true },
    importPlaybook: { channel: 'opsdeck:import-playbook', access: 'write' },
    exportPlaybook: { channel: 'opsdeck:export-playbook', access: 'read', noArgument: true },
    getPostmortem: { channel: 'opsdeck:get-postmortem', access: 'read' },
    savePostmortem: { channel: 'opsdeck:save-postmortem', access: 'write' },
    exportPostmortem: { channel: 'opsdeck:export-postmortem', access: 'read' },
    getIncidentReport: { channel: 'opsdeck:get-incident-report', access: 'read' },
    exportIncidentReport: { channel: 'opsdeck:export-incident-report', access: 'read' },
    listPeople: { channel: 'opsdeck:list-people', access: 'read', noArgument: true },
    savePerson: { channel: 'opsdeck:save-person', access: 'write' },
    deletePerson: { channel: 'opsdeck:delete-person', access: 'write' },
    exportPeople: { channel: 'opsdeck:export-people', access: 'read', noArgument: true },
    importPeople: { channel: 'opsdeck:import-people', access: 'write' },
  },
  { onDidChangeIncident: 'opsdeck:did-change-incident' },
);

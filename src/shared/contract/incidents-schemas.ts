import {
  applyIncidentCommandArgs,
  composeMessageArgs,
  createIncidentArgs,
  draftIncidentArgs,
  exportPostmortemArgs,
  importPlaybookArgs,
  incidentIdArgs,
  postmortemArgs,
  reportArgs,
  savePostmortemArgs,
} from '../incidents-contract';
import { deletePersonArgs, importPeopleArgs, savePersonArgs } from '../incidents-people';
import type { IncidentsApi } from './incidents-api';
import { noArgument, type ArgSchemas } from './schema-helpers';

export const INCIDENTS_ARG_SCHEMAS = {
  listIncidents: noArgument,
  getIncident: incidentIdArgs,
  draftIncident: draftIncidentArgs,
  createIncident: createIncidentArgs,
  applyIncidentCommand: applyIncidentCommandArgs,
  composeIncidentMessage: composeMessageArgs,
  getPlaybook: noArgument,
  importPlaybook: importPlaybookArgs,
  exportPlaybook: noArgument,
  getPostmortem: postmortemArgs,
  savePostmortem: savePostmortemArgs,
  exportPostmortem: exportPostmortemArgs,
  getIncidentReport: reportArgs,
  exportIncidentReport: reportArgs,
  listPeople: noArgument,
  savePerson: savePersonArgs,
  deletePerson: deletePersonArgs,
  exportPeople: noArgument,
  importPeople: importPeopleArgs,
} satisfies ArgSchemas<IncidentsApi>;

// Arguments for every incident method, in contract order, for tests that call each method of a
// running engine once: the incident created first (INC-0001 in a fresh data folder) is the one
// the later calls read, change, write a post-mortem for and report on.
import defaultPlaybook from '../../resources/playbook/default-playbook.json';
import type { Postmortem } from '../../src/shared/incidents';

const ID = 'INC-0001';
const DAY = 86_400_000;
/** The last 30 days and the next one: a report period covers at most five years. */
const PERIOD = { from: Date.now() - 30 * DAY, until: Date.now() + DAY };

const POSTMORTEM: Postmortem = {
  incidentId: ID,
  status: 'draft',
  authors: ['tester'],
  createdAt: 0,
  updatedAt: 0,
  summary: 'A test incident.',
  impact: { startedAt: null, endedAt: null, usersAffected: 12, services: ['checkout'], description: '' },
  rootCauses: ['none'],
  trigger: '',
  detection: '',
  resolution: '',
  wentWell: [],
  wentWrong: [],
  gotLucky: [],
  actionItems: [{ id: 'a1', title: 'Add an alert', kind: 'preventive', owner: 'tester', dueDate: '2030-01-31', status: 'open', ticket: null }],
  extraTimeline: [],
};

export const INCIDENT_ARGS: Record<string, unknown> = {
  createIncident: { from: 'manual', title: 'Bridge test', severity: 'SEV2', impact: 'Checkout is slow.', services: ['checkout'] },
  getIncident: { id: ID },
  draftIncident: { targetId: 'local' },
  applyIncidentCommand: { id: ID, revision: 1, command: { type: 'acknowledge' } },
  composeIncidentMessage: { id: ID, templateId: 'customer-notice', lang: 'ko', timeZone: 'Asia/Seoul' },
  importPlaybook: { content: JSON.stringify(defaultPlaybook) },
  getPostmortem: { incidentId: ID },
  savePostmortem: { incidentId: ID, revision: 0, postmortem: POSTMORTEM },
  exportPostmortem: { incidentId: ID, lang: 'en' },
  getIncidentReport: PERIOD,
  exportIncidentReport: { ...PERIOD, timeZone: 'UTC' },
  savePerson: { person: { name: '김민수', team: '서비스관리팀', contact: '010-1234-5678' } },
  deletePerson: { id: 'p-doesnotexist' },
  importPeople: { content: JSON.stringify({ formatVersion: 1, people: [{ id: 'p-abcd1234', name: 'Jane Park', team: 'Customer center', contact: 'jane@example.invalid' }] }) },
};

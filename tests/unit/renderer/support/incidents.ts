// Incident views for renderer tests, built with the engine's own pure functions so they have
// the shape the engine really sends.
import { DEFAULT_PLAYBOOK } from '../../../../src/main/engine/incidents/default-playbook';
import { applyIncidentCommand } from '../../../../src/main/engine/incidents/state-machine';
import { incidentDetail, listItem } from '../../../../src/main/engine/incidents/views';
import type { Incident, IncidentCommand } from '../../../../src/shared/incidents';
import type { IncidentDetail, IncidentListItem } from '../../../../src/shared/incidents-contract';

export const T0 = Date.UTC(2026, 2, 2, 0, 0);

export function makeIncident(commands: IncidentCommand[] = [], now = T0): Incident {
  let incident = applyIncidentCommand(
    null,
    { type: 'create', id: 'INC-0001', title: '결제 실패', severity: 'SEV1', source: { kind: 'manual' }, services: ['payments'], impact: '결제가 실패합니다.' },
    { now, user: 'kim', playbook: DEFAULT_PLAYBOOK },
  ).incident;
  for (const c of commands) incident = applyIncidentCommand(incident, c, { now, user: 'kim', playbook: DEFAULT_PLAYBOOK }).incident;
  return incident;
}

export function makeDetail(incident: Incident = makeIncident(), now = T0): IncidentDetail {
  return incidentDetail({ incident, playbook: DEFAULT_PLAYBOOK, playbookVersion: 1, now, user: 'kim', hasPostmortem: false });
}

export function makeListItem(incident: Incident = makeIncident(), now = T0): IncidentListItem {
  return listItem(incident, DEFAULT_PLAYBOOK, now);
}

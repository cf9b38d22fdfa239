// The incident room: one place that says where the incident stands, who does what next, what
// to tell whom and when the next update is due. Written for people outside the response team.
import './incidents.css';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { ErrorState, LoadingState } from '../../ui/state-views';
import { ChecklistPanel } from './checklist-panel';
import { Composer } from './composer';
import { DetailsPanel } from './details-panel';
import { RolesPanel } from './roles-panel';
import { ServiceContacts } from './service-contacts';
import { RoomHeader } from './room-header';
import { StageBar } from './stage-bar';
import { TimelinePanel } from './timeline-panel';
import { TimersPanel } from './timers-panel';
import { WhatNow } from './what-now';
import { IncidentLiveHealth } from '../alerts/incident-live-health';

export function IncidentRoom() {
  const { t } = useI18n();
  const room = useAppStore((s) => s.room);
  const hostKind = useAppStore((s) => s.hostKind);
  const open = useAppStore((s) => s.openIncident);
  const dismiss = useAppStore((s) => s.dismissCommandError);
  const back = (
    <a className="back-link" href={routeToHash({ name: 'incidents' })} data-testid="room-back">
      <span aria-hidden="true">← </span>
      {t('room.back')}
    </a>
  );
  if (room.status === 'error' && room.error && room.id)
    return (
      <div className="incident-room" data-testid="incident-room" data-state="error">
        {back}
        <ErrorState message={describeError(t, room.error, hostKind)} onRetry={() => void open(room.id!)} testId="room-error" />
      </div>
    );
  if (!room.detail) return <LoadingState text={t('room.loading')} testId="room-loading" />;

  const { incident, playbook, timers, timelineText, user } = room.detail;
  return (
    <div className="incident-room" data-testid="incident-room" data-state="ready" data-revision={incident.revision} data-stage={incident.stageIndex + 1} data-status={incident.status}>
      {back}
      <RoomHeader incident={incident} playbook={playbook} />
      {room.commandError && (
        <div className="inline-error command-error" role="alert" data-testid="command-error" data-code={room.commandError.code}>
          <span>▲ {describeError(t, room.commandError)}</span>
          <button type="button" className="btn btn-small btn-ghost" onClick={dismiss}>
            {t('room.dismiss')}
          </button>
        </div>
      )}
      {room.pending && (
        <p className="muted small" role="status">
          {t('room.pending')}
        </p>
      )}
      <StageBar playbook={playbook} stageIndex={incident.stageIndex} finished={incident.status === 'closed'} />
      <div className="room-grid">
        <div className="room-main">
          <ChecklistPanel incident={incident} playbook={playbook} />
          <Composer incident={incident} playbook={playbook} />
          <DetailsPanel incident={incident} playbook={playbook} />
          <TimelinePanel incident={incident} lines={timelineText} />
        </div>
        <aside className="room-side">
          <WhatNow incident={incident} playbook={playbook} timers={timers} />
          <IncidentLiveHealth incident={incident} />
          <TimersPanel timers={timers} />
          <RolesPanel incident={incident} user={user} />
          <ServiceContacts incident={incident} />
        </aside>
      </div>
    </div>
  );
}

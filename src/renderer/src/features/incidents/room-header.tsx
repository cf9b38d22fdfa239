// The top of the incident room: what it is, how bad, where it stands, the times that matter,
// and the actions that change its state (acknowledge, recovery, resolve, close, reopen, severity).
import { useState } from 'react';
import { SEVERITIES, type Incident, type Playbook, type Severity } from '../../../../shared/incidents';
import { useI18n } from '../../i18n/use-i18n';
import { routeToHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';
import { Dialog } from '../../ui/dialog';
import { useNow } from '../../ui/use-now';
import { inLanguage, severityLabel } from './labels';
import { IncidentStatusBadge, SeverityBadge } from './severity-badge';

export function RoomHeader({ incident, playbook }: { incident: Incident; playbook: Playbook }) {
  const { t, fmt, language } = useI18n();
  const now = useNow(1000);
  const run = useAppStore((s) => s.runIncidentCommand);
  const pending = useAppStore((s) => s.room.pending);
  const [dialog, setDialog] = useState<'severity' | 'reopen' | null>(null);
  const time = (ts: number | null) => (ts === null ? t('room.notYet') : fmt.dateTime(ts));
  const lastStage = incident.stageIndex === playbook.stages.length - 1;
  const active = incident.status === 'active';
  const showPostmortem = lastStage || incident.status !== 'active';

  return (
    <header className="room-header">
      <div className="room-title">
        <span className="incident-id mono">{incident.id}</span>
        <h1 data-testid="room-title">{incident.title}</h1>
        <SeverityBadge severity={incident.severity} testId="room-severity" />
        <IncidentStatusBadge status={incident.status} testId="room-status" />
      </div>
      <dl className="room-times">
        <div>
          <dt>{t('room.detected')}</dt>
          <dd>{time(incident.detectedAt)}</dd>
        </div>
        <div>
          <dt>{t('room.acknowledged')}</dt>
          <dd data-testid="room-acknowledged">{time(incident.acknowledgedAt)}</dd>
        </div>
        <div>
          <dt>{t('room.recoveryStarted')}</dt>
          <dd>{time(incident.recoveryStartedAt)}</dd>
        </div>
        <div>
          <dt>{t('room.resolved')}</dt>
          <dd data-testid="room-resolved">{time(incident.resolvedAt)}</dd>
        </div>
        <div>
          <dt>{t('room.elapsed')}</dt>
          <dd>{fmt.duration(((incident.resolvedAt ?? now) - incident.detectedAt) / 1000)}</dd>
        </div>
      </dl>
      <div className="room-actions">
        {active && incident.acknowledgedAt === null && (
          <button type="button" className="btn btn-primary" disabled={pending} onClick={() => void run({ type: 'acknowledge' })} data-testid="action-acknowledge">
            {t('action.acknowledge')}
          </button>
        )}
        {active && incident.recoveryStartedAt === null && (
          <button type="button" className="btn" disabled={pending} onClick={() => void run({ type: 'markRecoveryStarted' })} data-testid="action-recovery">
            {t('action.recoveryStarted')}
          </button>
        )}
        {active && (
          <button type="button" className="btn" disabled={pending} onClick={() => void run({ type: 'resolve' })} data-testid="action-resolve">
            {t('action.resolve')}
          </button>
        )}
        {incident.status === 'resolved' && lastStage && (
          <button type="button" className="btn" disabled={pending} onClick={() => void run({ type: 'close' })} data-testid="action-close">
            {t('action.close')}
          </button>
        )}
        {incident.status !== 'closed' && (
          <button type="button" className="btn btn-ghost" disabled={pending} onClick={() => setDialog('severity')} data-testid="action-severity">
            {t('action.changeSeverity')}
          </button>
        )}
        {incident.status !== 'active' && (
          <button type="button" className="btn btn-ghost" disabled={pending} onClick={() => setDialog('reopen')} data-testid="action-reopen">
            {t('action.reopen')}
          </button>
        )}
        {showPostmortem && (
          <a className="btn" href={routeToHash({ name: 'postmortem', id: incident.id })} data-testid="action-postmortem">
            {t('action.postmortem')}
          </a>
        )}
      </div>
      <p className="muted small">{t('room.playbookVersion', { name: inLanguage(playbook.name, language) })}</p>
      {dialog === 'severity' && (
        <SeverityDialog
          current={incident.severity}
          onClose={() => setDialog(null)}
          onSubmit={(severity, reason) => (setDialog(null), void run({ type: 'setSeverity', severity, reason: reason || undefined }))}
        />
      )}
      {dialog === 'reopen' && (
        <ReasonDialog
          title={t('action.reopen')}
          label={t('action.reopenReason')}
          required
          onClose={() => setDialog(null)}
          onSubmit={(reason) => (setDialog(null), void run({ type: 'reopen', toStageId: playbook.stages[incident.stageIndex]!.id, reason }))}
        />
      )}
    </header>
  );
}

function SeverityDialog({ current, onClose, onSubmit }: { current: Severity; onClose(): void; onSubmit(s: Severity, reason: string): void }) {
  const { t } = useI18n();
  const [severity, setSeverity] = useState(current);
  const [reason, setReason] = useState('');
  return (
    <Dialog title={t('action.changeSeverity')} onClose={onClose} testId="severity-dialog">
      <form className="form" onSubmit={(e) => (e.preventDefault(), onSubmit(severity, reason.trim()))}>
        <label className="field">
          <span>{t('start.field.severity')}</span>
          <select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)} data-testid="severity-select">
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {severityLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('action.severityReason')}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('start.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={severity === current} data-testid="severity-confirm">
            {t('action.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ReasonDialog(props: { title: string; label: string; required: boolean; onClose(): void; onSubmit(reason: string): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const blocked = props.required && reason.trim() === '';
  return (
    <Dialog title={props.title} onClose={props.onClose} testId="reason-dialog">
      <form className="form" onSubmit={(e) => (e.preventDefault(), !blocked && props.onSubmit(reason.trim()))}>
        <label className="field">
          <span>{props.label}</span>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus data-testid="reason-text" />
        </label>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={props.onClose}>
            {t('start.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={blocked} data-testid="reason-confirm">
            {t('action.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

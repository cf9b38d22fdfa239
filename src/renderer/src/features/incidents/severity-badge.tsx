import type { IncidentStatus, Severity } from '../../../../shared/incidents';
import { useI18n } from '../../i18n/use-i18n';
import { incidentStatusLabel, SEVERITY_SHAPES, severityLabel } from './labels';

/** Severity as shape + word + colour. */
export function SeverityBadge({ severity, testId, label }: { severity: Severity; testId?: string; label?: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge sev-badge sev-${severity}`} data-testid={testId} data-severity={severity}>
      <span aria-hidden="true">{SEVERITY_SHAPES[severity]}</span> {label ?? severityLabel(t, severity)}
    </span>
  );
}

export function IncidentStatusBadge({ status, testId }: { status: IncidentStatus; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge inc-status inc-status-${status}`} data-testid={testId} data-status={status}>
      {incidentStatusLabel(t, status)}
    </span>
  );
}

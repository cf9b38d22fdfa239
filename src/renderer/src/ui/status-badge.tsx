import type { HealthStatus } from '../../../shared/model';
import { STATUS_SHAPES, statusLabel } from '../i18n/describe';
import { useI18n } from '../i18n/use-i18n';

interface Props {
  status: HealthStatus;
  testId?: string;
  size?: 'normal' | 'large';
}

/** Status as shape + word + colour, so it reads without colour vision and on a grey screen. */
export function StatusBadge({ status, testId, size = 'normal' }: Props) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${status} badge-${size}`} data-testid={testId} data-status={status}>
      <span className="badge-shape" aria-hidden="true">
        {STATUS_SHAPES[status]}
      </span>
      <span className="badge-text">{statusLabel(t, status)}</span>
    </span>
  );
}

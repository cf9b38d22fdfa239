import type { HealthStatus } from '../../../shared/model';
import { STATUS_GLOSSARY_IDS } from '../domain/glossary-links';
import { STATUS_SHAPES, statusLabel } from '../i18n/describe';
import { useI18n } from '../i18n/use-i18n';
import { GlossaryButton } from './glossary-button';

interface Props {
  status: HealthStatus;
  testId?: string;
  size?: 'normal' | 'large';
  /** The "?" that explains the status; off on the wall, which has no keyboard. */
  glossary?: boolean;
}

/** Status as shape + word + colour, so it reads without colour vision and on a grey screen. */
export function StatusBadge({ status, testId, size = 'normal', glossary = true }: Props) {
  const { t } = useI18n();
  const label = statusLabel(t, status);
  const badge = (
    <span className={`badge badge-${status} badge-${size}`} data-testid={testId} data-status={status}>
      <span className="badge-shape" aria-hidden="true">
        {STATUS_SHAPES[status]}
      </span>
      <span className="badge-text">{label}</span>
    </span>
  );
  if (!glossary) return badge;
  return (
    <span className="badge-with-help">
      {badge}
      <GlossaryButton glossaryId={STATUS_GLOSSARY_IDS[status]} term={label} />
    </span>
  );
}

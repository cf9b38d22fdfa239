import type { HealthStatus } from '../../../../shared/model';
import { STATUS_GLOSSARY_IDS } from '../../domain/glossary-links';
import { STATUS_SHAPES, statusLabel } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStoreShallow } from '../../store/react';
import { countByStatus } from '../../store/tiles';
import { GlossaryButton } from '../../ui/glossary-button';

const ORDER: readonly HealthStatus[] = ['crit', 'unknown', 'warn', 'ok'];

/** "■ 위험 1 · ? 알 수 없음 0 · ▲ 주의 2 · ● 정상 5", worst first like the tiles. No "?" on the wall. */
export function StatusSummary({ interactive = true }: { interactive?: boolean }) {
  const { t } = useI18n();
  const counts = useAppStoreShallow((s) => countByStatus(s.tiles));
  return (
    <ul className="status-summary" data-testid="status-summary">
      {ORDER.map((status) => (
        <li key={status} className={`summary-item summary-${status}${counts[status] > 0 ? '' : ' summary-zero'}`} data-testid={`count-${status}`} data-count={counts[status]}>
          <span className="summary-shape" aria-hidden="true">
            {STATUS_SHAPES[status]}
          </span>
          <span className="summary-label">{statusLabel(t, status)}</span>
          <span className="summary-count">{counts[status]}</span>
          {interactive && <GlossaryButton glossaryId={STATUS_GLOSSARY_IDS[status]} term={statusLabel(t, status)} />}
        </li>
      ))}
    </ul>
  );
}

import type { HealthReason, HealthStatus } from '../../../shared/model';
import { describeReason, findStaleReason } from '../i18n/describe';
import { useI18n } from '../i18n/use-i18n';
import { ClockIcon } from './icons';
import { useNow } from './use-now';

interface Props {
  status: HealthStatus;
  reasons: readonly HealthReason[];
  /** When these reasons arrived here, for the ticking age of stale data. */
  receivedAt: number;
  hasSnapshot: boolean;
  /** How many non-stale reasons to list before "…". */
  limit?: number;
}

/** Why a target is not OK, in words: crossed thresholds, stale data, failed collection. */
export function ReasonList({ status, reasons, receivedAt, hasSnapshot, limit = 3 }: Props) {
  const { t } = useI18n();
  const stale = findStaleReason(reasons);
  const others = reasons.filter((r) => r.code !== 'STALE');
  const waiting = status === 'unknown' && !hasSnapshot && !stale && others.length === 0;
  if (!stale && others.length === 0 && !waiting) return null;
  return (
    <ul className="reasons" data-testid="reasons">
      {stale && <StaleNotice reason={stale} receivedAt={receivedAt} />}
      {others.slice(0, limit).map((reason, i) => (
        <ReasonText key={i} reason={reason} receivedAt={receivedAt} />
      ))}
      {others.length > limit && <li className="reason reason-more">…</li>}
      {waiting && (
        <li className="reason" data-testid="tile-waiting">
          {t('overview.waitingFirstSample')}
        </li>
      )}
    </ul>
  );
}

function ReasonText({ reason, receivedAt }: { reason: HealthReason; receivedAt: number }) {
  const { t, fmt } = useI18n();
  return (
    <li className={`reason reason-${reason.code.toLowerCase()}`} data-testid="tile-reason">
      {describeReason(reason, { t, fmt, receivedAt, now: receivedAt })}
    </li>
  );
}

/** Re-renders every second on its own, so "N s ago" keeps counting without new data. */
function StaleNotice({ reason, receivedAt }: { reason: Extract<HealthReason, { code: 'STALE' }>; receivedAt: number }) {
  const { t, fmt } = useI18n();
  const now = useNow(1000);
  return (
    <li className="reason reason-stale" data-testid="tile-stale">
      <ClockIcon />{' '}
      {describeReason(reason, { t, fmt, receivedAt, now: Math.max(now, receivedAt) })}
    </li>
  );
}

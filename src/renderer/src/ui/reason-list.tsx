import type { HealthReason, HealthStatus } from '../../../shared/model';
import { REASON_GLOSSARY_IDS, reasonGlossaryId } from '../domain/glossary-links';
import { describeReason, findStaleReason, metricLabel } from '../i18n/describe';
import { useI18n } from '../i18n/use-i18n';
import { GlossaryButton } from './glossary-button';
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
  /** Each reason gets a "?" to its glossary entry; off on the wall, which has no keyboard. */
  interactive?: boolean;
  /** Failures say what happened only (tiles); the host page also says what to do. */
  brief?: boolean;
}

/** Why a target is not OK, in words: crossed thresholds, stale data, failed collection. */
export function ReasonList({ status, reasons, receivedAt, hasSnapshot, limit = 3, interactive = true, brief = false }: Props) {
  const { t } = useI18n();
  const stale = findStaleReason(reasons);
  const others = reasons.filter((r) => r.code !== 'STALE');
  const waiting = status === 'unknown' && !hasSnapshot && !stale && others.length === 0;
  if (!stale && others.length === 0 && !waiting) return null;
  return (
    <ul className="reasons" data-testid="reasons">
      {stale && <StaleNotice reason={stale} receivedAt={receivedAt} interactive={interactive} />}
      {others.slice(0, limit).map((reason, i) => (
        <ReasonText key={i} reason={reason} receivedAt={receivedAt} interactive={interactive} brief={brief} />
      ))}
      {others.length > limit && <li className="reason reason-more">…</li>}
      {waiting && (
        <li className="reason" data-testid="tile-waiting">
          {t('overview.waitingFirstSample')}
          {interactive && <GlossaryButton glossaryId={REASON_GLOSSARY_IDS.waiting} term={t('overview.waitingFirstSample')} />}
        </li>
      )}
    </ul>
  );
}

function ReasonText({ reason, receivedAt, interactive, brief }: { reason: HealthReason; receivedAt: number; interactive: boolean; brief: boolean }) {
  const { t, fmt } = useI18n();
  const text = describeReason(reason, { t, fmt, receivedAt, now: receivedAt, brief });
  const term = reason.code === 'THRESHOLD' ? metricLabel(t, reason.metric) : t('reason.term.collectFailed');
  return (
    <li className={`reason reason-${reason.code.toLowerCase()}`} data-testid="tile-reason">
      {text}
      {interactive && <GlossaryButton glossaryId={reasonGlossaryId(reason)} term={term} />}
    </li>
  );
}

/** Re-renders every second on its own, so "N s ago" keeps counting without new data. */
function StaleNotice({ reason, receivedAt, interactive }: { reason: Extract<HealthReason, { code: 'STALE' }>; receivedAt: number; interactive: boolean }) {
  const { t, fmt } = useI18n();
  const now = useNow(1000);
  return (
    <li className="reason reason-stale" data-testid="tile-stale">
      <ClockIcon />{' '}
      {describeReason(reason, { t, fmt, receivedAt, now: Math.max(now, receivedAt) })}
      {interactive && <GlossaryButton glossaryId={reasonGlossaryId(reason)} term={t('reason.term.stale')} />}
    </li>
  );
}

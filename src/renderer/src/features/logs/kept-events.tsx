// "Jump to this time": the errors and warnings the source's polls kept around a moment, read
// every minute whether or not anyone was looking.
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { highlightParts } from './log-filter';

export function KeptEvents({ onBackToNow }: { onBackToNow(): void }) {
  const { t, fmt } = useI18n();
  const at = useAppStore((s) => s.logs.at);
  const kept = useAppStore((s) => s.logs.kept);
  if (at === null) return null;
  return (
    <section className="panel kept-events" aria-labelledby="kept-title" data-testid="kept-events" data-count={kept?.length ?? 0}>
      <div className="section-head">
        <h2 id="kept-title">{t('logs.kept.title', { time: fmt.dateTime(at) })}</h2>
        <button type="button" className="btn btn-small" onClick={onBackToNow} data-testid="log-clear-jump">
          {t('logs.clearJump')}
        </button>
      </div>
      <p className="muted">{t('logs.kept.intro')}</p>
      {kept && kept.length === 0 && <p className="muted">{t('logs.kept.empty')}</p>}
      <ol className="kept-list">
        {(kept ?? []).map((e) => (
          <li key={`${e.ts}-${e.seq}`} className={`log-row log-level-${e.level}${Math.abs(e.ts - at) < 60_000 ? ' kept-near' : ''}`} data-testid="kept-event" data-level={e.level}>
            <span className="log-time">{fmt.time(e.ts, true)}</span>
            <span className="log-level" data-level={e.level}>
              {t(`logs.level.${e.level}`)}
            </span>
            <span className="log-text">{highlightParts(e.text, '')[0]!.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

// Deadlines of the current stage: when each is due and how long is left; a late one turns red
// (with a shape and a word, not colour alone) the second it passes.
import type { IncidentTimer } from '../../../../shared/incidents-contract';
import { useI18n } from '../../i18n/use-i18n';
import { useNow } from '../../ui/use-now';
import { inLanguage } from './labels';
import { isLate } from './overdue';

export function TimersPanel({ timers }: { timers: IncidentTimer[] }) {
  const { t, fmt, language } = useI18n();
  const now = useNow(1000);
  return (
    <section className="panel" aria-labelledby="timers-title" data-testid="timers">
      <h2 id="timers-title">{t('timers.title')}</h2>
      {timers.length === 0 ? (
        <p className="muted">{t('timers.none')}</p>
      ) : (
        <ul className="timers">
          {[...timers]
            .sort((a, b) => a.dueAt - b.dueAt)
            .map((timer) => {
              const late = isLate(timer, now);
              return (
                <li key={timer.id} className={`timer${late ? ' timer-late' : ''}`} data-testid={`timer-${timer.id}`} data-overdue={late}>
                  <span className="timer-label">
                    {late && <span aria-hidden="true">■ </span>}
                    {inLanguage(timer.label, language)}
                    {late && <span className="tag tag-late">{t('timers.overdueShape')}</span>}
                  </span>
                  <span className="timer-when">
                    {late
                      ? t('timers.overdue', { time: fmt.time(timer.dueAt), late: fmt.duration(Math.max(0, now - timer.dueAt) / 1000) })
                      : t('timers.dueIn', { time: fmt.time(timer.dueAt), left: fmt.duration(Math.max(0, timer.dueAt - now) / 1000) })}
                  </span>
                </li>
              );
            })}
        </ul>
      )}
    </section>
  );
}

// "What to do now", in one or two plain sentences: for someone who opens the room cold.
import type { Incident, Playbook } from '../../../../shared/incidents';
import type { IncidentTimer } from '../../../../shared/incidents-contract';
import { useI18n } from '../../i18n/use-i18n';
import { useNow } from '../../ui/use-now';
import { inLanguage } from './labels';
import { isLate } from './overdue';

export function WhatNow({ incident, playbook, timers }: { incident: Incident; playbook: Playbook; timers: IncidentTimer[] }) {
  const { t, language } = useI18n();
  const now = useNow(1000);
  const stage = playbook.stages[incident.stageIndex]!;
  const lines: Array<{ text: string; late?: boolean }> = [];
  if (incident.status === 'closed') lines.push({ text: t('whatNow.closed') });
  else {
    if (incident.acknowledgedAt === null) lines.push({ text: t('whatNow.acknowledge') });
    for (const timer of timers.filter((tm) => isLate(tm, now))) lines.push({ text: t('whatNow.late', { label: inLanguage(timer.label, language) }), late: true });
    const next = stage.checklist.find((item) => item.required && !incident.checklist[item.id]);
    if (next) lines.push({ text: t('whatNow.item', { item: inLanguage(next.text, language) }) });
    else if (incident.stageIndex < playbook.stages.length - 1) lines.push({ text: t('whatNow.advance') });
    else lines.push({ text: t('whatNow.finish') });
  }
  return (
    <section className="panel what-now" aria-labelledby="what-now-title" data-testid="what-now">
      <h2 id="what-now-title">{t('room.whatNow')}</h2>
      <ul>
        {lines.map((line) => (
          <li key={line.text} className={line.late ? 'what-now-late' : undefined}>
            <span aria-hidden="true">{line.late ? '■ ' : '→ '}</span>
            {line.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

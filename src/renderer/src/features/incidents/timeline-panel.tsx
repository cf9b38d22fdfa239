// Everything that happened, newest first, in plain sentences; anyone can add a note.
import { useState, type FormEvent } from 'react';
import type { Incident } from '../../../../shared/incidents';
import type { TimelineLine } from '../../../../shared/incidents-contract';
import { useI18n } from '../../i18n/use-i18n';
import { logsHash } from '../../routing/routes';
import { useAppStore } from '../../store/react';

export function TimelinePanel({ incident, lines }: { incident: Incident; lines: TimelineLine[] }) {
  const { t, fmt, language } = useI18n();
  const run = useAppStore((s) => s.runIncidentCommand);
  const pending = useAppStore((s) => s.room.pending);
  const [note, setNote] = useState('');
  const text = new Map(lines.map((l) => [l.seq, l[language]]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (note.trim()) void run({ type: 'addNote', text: note.trim() }).then((ok) => ok && setNote(''));
  };
  return (
    <section className="panel" aria-labelledby="timeline-title" data-testid="timeline">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      <form className="note-form" onSubmit={submit}>
        <label className="field">
          <span>{t('timeline.note')}</span>
          <textarea rows={2} value={note} placeholder={t('timeline.notePlaceholder')} onChange={(e) => setNote(e.target.value)} data-testid="note-text" />
        </label>
        <button type="submit" className="btn" disabled={pending || !note.trim()} data-testid="note-add">
          {t('timeline.add')}
        </button>
      </form>
      {incident.timeline.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline" reversed>
          {[...incident.timeline].reverse().map((entry) => (
            <li key={entry.seq} className={`timeline-entry tl-${entry.kind}`} data-testid="timeline-entry" data-kind={entry.kind}>
              <time dateTime={new Date(entry.ts).toISOString()} className="mono">
                {fmt.dateTime(entry.ts)}
              </time>
              <span className="timeline-text">{text.get(entry.seq) ?? entry.kind}</span>
              {entry.kind === 'logs-attached' && entry.evidence.hostId && (
                <a href={logsHash(entry.evidence.hostId, entry.evidence.checkId, entry.evidence.lines[0]!.ts)} data-testid="timeline-logs-link">
                  {t('logs.jumpHere')}
                </a>
              )}
              <span className="muted">{entry.user}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

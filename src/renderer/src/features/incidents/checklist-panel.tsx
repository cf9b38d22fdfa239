// The current stage: its goal, who is responsible, and its checklist. Required items are
// marked; skipping one asks for a reason. Items that tick themselves on an event (acknowledged,
// recovery started, resolved) show that event's button instead of a plain "done".
import { useState } from 'react';
import type { AutoCheckEvent, ChecklistItem, Incident, Playbook } from '../../../../shared/incidents';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import type { RoomCommand } from '../../store/incidents-slice';
import { GlossaryButton } from '../../ui/glossary-button';
import { inLanguage, roleLabel } from './labels';
import { SkipDialog } from './skip-dialog';

const EVENT_COMMANDS: Partial<Record<AutoCheckEvent, { command: RoomCommand; label: 'action.acknowledge' | 'action.recoveryStarted' | 'action.resolve' }>> = {
  acknowledged: { command: { type: 'acknowledge' }, label: 'action.acknowledge' },
  'recovery-started': { command: { type: 'markRecoveryStarted' }, label: 'action.recoveryStarted' },
  resolved: { command: { type: 'resolve' }, label: 'action.resolve' },
};

export function ChecklistPanel({ incident, playbook }: { incident: Incident; playbook: Playbook }) {
  const { t, language } = useI18n();
  const run = useAppStore((s) => s.runIncidentCommand);
  const pending = useAppStore((s) => s.room.pending);
  const [skipping, setSkipping] = useState<ChecklistItem | null>(null);
  const stage = playbook.stages[incident.stageIndex]!;
  const editable = incident.status !== 'closed';
  const missing = stage.checklist.filter((i) => i.required && !incident.checklist[i.id]);
  const isLast = incident.stageIndex === playbook.stages.length - 1;

  return (
    <section className="panel stage-panel" aria-labelledby="stage-panel-title" data-testid="checklist">
      <h2 id="stage-panel-title">
        {t('stage.current')}: {inLanguage(stage.name, language)}
      </h2>
      <p>
        <strong>{t('room.goal')}:</strong> {inLanguage(stage.goal, language)}
      </p>
      <p className="muted">
        <strong>{t('room.responsible')}:</strong> {inLanguage(stage.responsible.team, language)} · {stage.responsible.roles.map((r) => roleLabel(t, r)).join(', ')}
      </p>
      <h3 className="checklist-title">{t('checklist.title')}</h3>
      <ul className="checklist">
        {stage.checklist.map((item) => (
          <ChecklistRow key={item.id} item={item} incident={incident} editable={editable && !pending} onSkip={() => setSkipping(item)} />
        ))}
      </ul>
      <details className="other-stages" data-testid="other-stages">
        <summary>{t('checklist.otherStages')}</summary>
        {/* Earlier stages can be reviewed and corrected; later ones are shown but not ticked by hand
            until the incident gets there (events such as "resolved" still tick them). */}
        {playbook.stages.map((other, i) =>
          i === incident.stageIndex ? null : (
            <div key={other.id} data-testid={`other-stage-${other.id}`} data-reached={i < incident.stageIndex}>
              <h4 className="other-stage-name">{inLanguage(other.name, language)}</h4>
              {i > incident.stageIndex && <p className="muted small">{t('checklist.notYet', { stage: inLanguage(other.name, language) })}</p>}
              <ul className="checklist">
                {other.checklist.map((item) => (
                  <ChecklistRow key={item.id} item={item} incident={incident} editable={editable && !pending && i < incident.stageIndex} onSkip={() => setSkipping(item)} />
                ))}
              </ul>
            </div>
          ),
        )}
      </details>
      {!isLast && editable && (
        <div className="stage-advance">
          {incident.acknowledgedAt === null ? (
            <p className="muted" data-testid="advance-blocked">{t('action.needAck')}</p>
          ) : (
            missing.length > 0 && (
              <p className="muted" data-testid="advance-blocked">
                {t('action.advanceBlocked', { items: missing.map((i) => inLanguage(i.text, language)).join(' · ') })}
              </p>
            )
          )}
          <button type="button" className="btn btn-primary" disabled={pending || missing.length > 0 || incident.acknowledgedAt === null} onClick={() => void run({ type: 'advanceStage' })} data-testid="advance-stage">
            {t('action.advance')} →
          </button>
        </div>
      )}
      {skipping && (
        <SkipDialog
          item={skipping}
          onClose={() => setSkipping(null)}
          onSkip={(reason) => {
            setSkipping(null);
            void run({ type: 'skipItem', itemId: skipping.id, reason: reason || undefined });
          }}
        />
      )}
    </section>
  );
}

function ChecklistRow({ item, incident, editable, onSkip }: { item: ChecklistItem; incident: Incident; editable: boolean; onSkip(): void }) {
  const { t, fmt, language } = useI18n();
  const run = useAppStore((s) => s.runIncidentCommand);
  const state = incident.checklist[item.id];
  const text = inLanguage(item.text, language);
  const event = item.autoCheckOn ? EVENT_COMMANDS[item.autoCheckOn] : undefined;
  return (
    <li className={`check-item check-${state?.state ?? 'open'}`} data-testid={`item-${item.id}`} data-state={state?.state ?? 'open'}>
      <span className="check-mark" aria-hidden="true">
        {state?.state === 'done' ? '☑' : state?.state === 'skipped' ? '⊘' : '☐'}
      </span>
      <div className="check-body">
        <span className="check-text">
          {text}
          {item.glossaryId && <GlossaryButton glossaryId={item.glossaryId} term={text} />}
          <span className={item.required ? 'tag tag-required' : 'tag'}>{item.required ? t('checklist.required') : t('checklist.optional')}</span>
        </span>
        {state && (
          <span className="muted check-meta">
            {t(state.state === 'done' ? 'checklist.done' : 'checklist.skipped', { who: state.by, time: fmt.time(state.at) })}
            {state.auto ? ` ${t('checklist.auto')}` : ''}
            {state.reason ? ` · ${t('checklist.reason', { reason: state.reason })}` : ''}
          </span>
        )}
      </div>
      {editable && (
        <span className="check-actions">
          {!state && event && (
            <button type="button" className="btn btn-small btn-primary" onClick={() => void run(event.command)} data-testid={`item-${item.id}-event`}>
              {t(event.label)}
            </button>
          )}
          {!state && !event && (
            <button type="button" className="btn btn-small btn-primary" onClick={() => void run({ type: 'checkItem', itemId: item.id })} data-testid={`item-${item.id}-check`}>
              {t('checklist.check')}
            </button>
          )}
          {!state && (
            <button type="button" className="btn btn-small" onClick={onSkip} data-testid={`item-${item.id}-skip`}>
              {t('checklist.skip')}
            </button>
          )}
          {state && !state.auto && (
            <button type="button" className="btn btn-small btn-ghost" onClick={() => void run({ type: 'uncheckItem', itemId: item.id })} data-testid={`item-${item.id}-undo`}>
              {t('checklist.undo')}
            </button>
          )}
        </span>
      )}
    </li>
  );
}

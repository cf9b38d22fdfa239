// The four stages as a bar: done, current, upcoming, each with its name and a "?" that opens
// the glossary entry explaining the stage in plain words.
import type { Playbook } from '../../../../shared/incidents';
import { useI18n } from '../../i18n/use-i18n';
import { GlossaryButton } from '../../ui/glossary-button';
import { inLanguage } from './labels';

export function StageBar({ playbook, stageIndex, finished }: { playbook: Playbook; stageIndex: number; finished: boolean }) {
  const { t, language } = useI18n();
  return (
    <nav aria-label={t('stage.bar')}>
      <ol className="stage-bar" data-testid="stage-bar">
        {playbook.stages.map((stage, i) => {
          const state = i < stageIndex || (finished && i === stageIndex) ? 'done' : i === stageIndex ? 'current' : 'upcoming';
          const name = inLanguage(stage.name, language);
          return (
            <li key={stage.id} className={`stage stage-${state}`} data-testid={`stage-${i + 1}`} data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="stage-mark" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="stage-name">
                {name}
                {stage.glossaryId && <GlossaryButton glossaryId={stage.glossaryId} term={name} />}
              </span>
              <span className="stage-state">{t(`stage.${state}`)}</span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

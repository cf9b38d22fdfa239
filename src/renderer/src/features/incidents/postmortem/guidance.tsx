// Beside the post-mortem form: how to write without blame, the questions the review asks, and
// words in the draft that suggest blame or overstatement (as of the last save).
import { POSTMORTEM_GLOSSARY_IDS } from '../../../domain/glossary-surfaces';
import type { PostmortemView } from '../../../../../shared/incidents-contract';
import { useI18n } from '../../../i18n/use-i18n';
import { GlossaryButton } from '../../../ui/glossary-button';

export function Guidance({ view }: { view: PostmortemView }) {
  const { t, language } = useI18n();
  return (
    <aside className="panel pm-guidance" data-testid="pm-guidance" aria-labelledby="pm-guidance-title">
      <h2 id="pm-guidance-title">
        {t('pm.guidance')}
        <GlossaryButton glossaryId={POSTMORTEM_GLOSSARY_IDS.blameless} term={t('pm.guidance')} />
      </h2>
      <ul className="bullets">
        {view.guidance[language].map((g) => (
          <li key={g}>{g}</li>
        ))}
      </ul>
      <h3>{t('pm.reviewQuestions')}</h3>
      <ul className="bullets">
        {view.reviewQuestions[language].map((q) => (
          <li key={q}>{q}</li>
        ))}
      </ul>
      {view.wordingWarnings.length > 0 && (
        <ul className="composer-warnings" data-testid="pm-wording">
          {view.wordingWarnings.map((w) => (
            <li key={w.match} className="warn">
              ▲ {t('pm.wording', { match: w.match, hint: w.hint[language] })}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

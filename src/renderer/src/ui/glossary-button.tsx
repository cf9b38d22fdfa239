import { useI18n } from '../i18n/use-i18n';
import { useAppStore } from '../store/react';

interface Props {
  glossaryId: string;
  /** The term as shown beside the button, for the accessible name. */
  term: string;
}

/** The small "?" next to a metric label; the glossary popover is wired in by openGlossary. */
export function GlossaryButton({ glossaryId, term }: Props) {
  const { t } = useI18n();
  const openGlossary = useAppStore((s) => s.openGlossary);
  const label = t('glossary.open', { term });
  return (
    <button type="button" className="glossary-btn" data-glossary={glossaryId} aria-label={label} title={label} onClick={() => openGlossary(glossaryId)}>
      ?
    </button>
  );
}

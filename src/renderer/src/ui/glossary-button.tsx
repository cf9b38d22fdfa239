import { useRef } from 'react';
import { useI18n } from '../i18n/use-i18n';
import { useAppStore } from '../store/react';

interface Props {
  glossaryId: string;
  /** The term as shown beside the button, for the accessible name. */
  term: string;
}

/** The small "?" next to a label: opens the glossary entry in a popover anchored here. */
export function GlossaryButton({ glossaryId, term }: Props) {
  const { t } = useI18n();
  const openGlossary = useAppStore((s) => s.openGlossary);
  const ref = useRef<HTMLButtonElement>(null);
  const expanded = useAppStore((s) => s.glossaryPopover !== null && s.glossaryPopover.anchor === ref.current);
  const label = t('glossary.open', { term });
  return (
    <button
      ref={ref}
      type="button"
      className="glossary-btn"
      data-glossary={glossaryId}
      aria-label={label}
      aria-haspopup="dialog"
      aria-expanded={expanded}
      title={label}
      onClick={(event) => openGlossary(glossaryId, event.currentTarget)}
    >
      ?
    </button>
  );
}

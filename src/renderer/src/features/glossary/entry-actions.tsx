// Print, edit, delete (an organisation term) or restore the built-in (an override), with an
// inline confirmation instead of a browser dialog, so the question stays in the page's language.
import { useState } from 'react';
import type { GlossaryRecord } from '../../../../shared/glossary-contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { describeError } from '../../i18n/describe';
import { errorPayloadOf } from '../../store/errors';

interface Props {
  record: GlossaryRecord;
  onEdit(): void;
  onPrint(): void;
  onNotice(text: string): void;
}

export function EntryActions({ record, onEdit, onPrint, onNotice }: Props) {
  const { t, language } = useI18n();
  const remove = useAppStore((s) => s.deleteGlossaryEntry);
  const navigate = useAppStore((s) => s.navigate);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const term = record.entry.term[language];
  const { origin } = record;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const restored = await remove(record.entry.id);
      setConfirming(false);
      onNotice(restored ? t('glossary.done.restored', { term }) : t('glossary.done.deleted', { term }));
      if (!restored) navigate({ name: 'glossary', entryId: null });
    } catch (err) {
      setError(t('glossary.actionFailed', { message: describeError(t, errorPayloadOf(err)) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="entry-actions print-hidden">
      <div className="button-row">
        <button type="button" className="btn" onClick={onPrint} data-testid="entry-print">
          {t('glossary.action.print')}
        </button>
        <button type="button" className="btn" onClick={onEdit} data-testid="entry-edit">
          {origin === 'builtin' ? t('glossary.action.override') : t('glossary.action.edit')}
        </button>
        {origin !== 'builtin' && !confirming && (
          <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)} data-testid={origin === 'org' ? 'entry-delete' : 'entry-restore'}>
            {origin === 'org' ? t('glossary.action.delete') : t('glossary.action.restore')}
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby="confirm-text" data-testid="entry-confirm">
          <p id="confirm-text">{origin === 'org' ? t('glossary.confirm.delete', { term }) : t('glossary.confirm.restore', { term })}</p>
          <div className="button-row">
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void confirm()} data-testid="entry-confirm-yes" autoFocus>
              {origin === 'org' ? t('glossary.action.delete') : t('glossary.action.restore')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => setConfirming(false)}>
              {t('action.cancel')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

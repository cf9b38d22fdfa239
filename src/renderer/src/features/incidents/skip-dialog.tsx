// Skipping a checklist item: a required one needs a written reason, an optional one may have one.
import { useState, type FormEvent } from 'react';
import type { ChecklistItem } from '../../../../shared/incidents';
import { useI18n } from '../../i18n/use-i18n';
import { Dialog } from '../../ui/dialog';
import { inLanguage } from './labels';

export function SkipDialog({ item, onSkip, onClose }: { item: ChecklistItem; onSkip(reason: string): void; onClose(): void }) {
  const { t, language } = useI18n();
  const [reason, setReason] = useState('');
  const blocked = item.required && reason.trim() === '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!blocked) onSkip(reason.trim());
  };
  return (
    <Dialog title={t('checklist.skipTitle', { item: inLanguage(item.text, language) })} onClose={onClose} testId="skip-dialog">
      <form className="form" onSubmit={submit}>
        <p className={item.required ? 'notice notice-warn' : 'muted'}>{item.required ? t('checklist.skipRequired') : t('checklist.skipOptional')}</p>
        <label className="field">
          <span>{t('checklist.skipReason')}</span>
          <textarea rows={3} required={item.required} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="skip-reason" autoFocus />
        </label>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('start.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={blocked} data-testid="skip-confirm">
            {t('checklist.skipConfirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

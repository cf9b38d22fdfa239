// The fingerprint confirmation, modelled on OpenSSH's "authenticity of host can't be
// established" prompt, in plain words: what a fingerprint is, where to compare it, and that
// nothing secret has been sent yet. A changed key gets a warning instead of a question.
import { useState } from 'react';
import type { ErrorPayload } from '../../../../shared/errors';
import { useI18n } from '../../i18n/use-i18n';
import { Dialog } from '../../ui/dialog';
import { describeError } from '../../i18n/describe';

interface Props {
  target: string;
  fingerprint: string;
  keyType: string | null;
  changed: boolean;
  onTrust(): Promise<void>;
  onClose(): void;
}

export function TrustDialog({ target, fingerprint, keyType, changed, onTrust, onClose }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const trust = async () => {
    setBusy(true);
    setError(null);
    try {
      await onTrust();
      onClose();
    } catch (err) {
      setError(err as ErrorPayload);
      setBusy(false);
    }
  };
  return (
    <Dialog title={changed ? t('trust.changedTitle') : t('trust.title')} onClose={onClose} testId="trust-dialog">
      <div className={`trust-body${changed ? ' trust-changed' : ''}`}>
        <p>{changed ? t('trust.changedExplain', { target }) : t('trust.explain', { target })}</p>
        <dl className="trust-key">
          <dt>{t('trust.fingerprint')}</dt>
          <dd>
            <code data-testid="trust-fingerprint">{fingerprint}</code>
          </dd>
          {keyType && (
            <>
              <dt>{t('trust.keyType')}</dt>
              <dd>
                <code>{keyType}</code>
              </dd>
            </>
          )}
        </dl>
        {error && (
          <p className="inline-error" role="alert">
            {describeError(t, error)}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} data-testid="trust-cancel">
          {t('trust.cancel')}
        </button>
        <button type="button" className={`btn ${changed ? 'btn-danger' : 'btn-primary'}`} onClick={() => void trust()} disabled={busy} data-testid="trust-confirm">
          {busy ? t('trust.saving') : t('trust.confirm')}
        </button>
      </div>
    </Dialog>
  );
}

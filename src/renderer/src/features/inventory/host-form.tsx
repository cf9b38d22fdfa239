// Add or edit one server. "Test connection" logs in once with what is typed (nothing saved);
// a first-seen host key opens the fingerprint dialog, and trusting it saves the server first,
// because trust belongs to a server in the inventory.
import { describeError } from '../../i18n/describe';
import { useState, type ReactNode } from 'react';
import type { ErrorPayload } from '../../../../shared/errors';
import type { TestConnectionResult } from '../../../../shared/inventory-contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { Dialog } from '../../ui/dialog';
import { changedDestinationFields } from '../../../../shared/secret-binding';
import { destinationOf, emptyDraft, hostInputFromDraft, validateHostDraft, type HostDraft, type HostDraftField } from './host-form-model';
import { FieldError } from '../../ui/field-error';
import { TrustDialog } from './trust-dialog';

interface Props {
  initial: HostDraft | null;
  onClose(): void;
}

function Field({ label, children, hint, error, errorId }: { label: string; children: ReactNode; hint?: string; error?: string | null; errorId?: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {error && errorId && <FieldError id={errorId} text={error} />}
      {hint && <small className="field-hint">{hint}</small>}
    </label>
  );
}

export function HostForm({ initial, onClose }: Props) {
  const { t } = useI18n();
  const saveHost = useAppStore((s) => s.saveHost);
  const testConnection = useAppStore((s) => s.testConnection);
  const trustHostKey = useAppStore((s) => s.trustHostKey);
  const [draft, setDraft] = useState<HostDraft>(initial ?? emptyDraft());
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [test, setTest] = useState<TestConnectionResult | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [saved, setSaved] = useState(false);
  const [trusting, setTrusting] = useState<{ fingerprint: string; keyType: string | null; changed: boolean } | null>(null);
  // A stored secret does not follow the host to a new destination: say so before saving.
  const secretDropped = !!initial?.id && draft.id === initial.id && initial.hasSecret && draft.secret === '' && changedDestinationFields(destinationOf(initial), destinationOf(draft)).length > 0;
  const set = (patch: Partial<HostDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(false);
  };

  /** Saves and keeps editing the saved server (so its secret is not sent again). */
  const persist = async (): Promise<string> => {
    const host = await saveHost(hostInputFromDraft(draft));
    setDraft((d) => ({ ...d, id: host.id, secret: '', hasSecret: host.hasSecret }));
    return host.id;
  };

  const [tried, setTried] = useState(false);
  const problems = validateHostDraft(draft);
  const problem = (field: HostDraftField) => (tried && problems[field] ? t(problems[field]!) : null);
  /** aria props of a checked field: outlined and described by its message once the person tried. */
  const check = (field: HostDraftField) => (problem(field) ? { 'aria-invalid': true, 'aria-describedby': `host-error-${field}` } : {});

  const run = async (kind: 'test' | 'save') => {
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(kind);
    setError(null);
    setTest(null);
    try {
      if (kind === 'save') {
        await persist();
        setSaved(true);
      } else {
        const result = await testConnection(hostInputFromDraft(draft));
        setTest(result);
        if (!result.ok && result.fingerprint && (result.code === 'HOSTKEY_UNKNOWN' || result.code === 'HOSTKEY_CHANGED')) {
          setTrusting({ fingerprint: result.fingerprint, keyType: result.keyType, changed: result.code === 'HOSTKEY_CHANGED' });
        }
      }
    } catch (err) {
      setError(err as ErrorPayload);
    } finally {
      setBusy(null);
    }
  };

  const trust = async () => {
    const hostId = await persist();
    await trustHostKey(hostId, trusting!.fingerprint);
    setTrusting(null);
    await run('test');
  };

  const secretLabel = draft.authMethod === 'password' ? t('hostForm.password') : t('hostForm.passphrase');
  return (
    <Dialog title={draft.id ? t('hostForm.titleEdit', { name: draft.name }) : t('hostForm.titleNew')} onClose={onClose} testId="host-form" wide>
      <form
        className="inv-form"
        // The app checks the fields itself: the browser's bubble ("Please fill out this field") is not in the person's language.
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run('save');
        }}
      >
        <div className="inv-form-grid">
          <Field label={t('hostForm.name')}>
            <input value={draft.name} onChange={(e) => set({ name: e.target.value })} data-testid="host-name" maxLength={100} />
          </Field>
          <Field label={`${t('hostForm.address')} *`} error={problem('address')} errorId="host-error-address">
            <input value={draft.address} onChange={(e) => set({ address: e.target.value })} data-testid="host-address" aria-required autoComplete="off" spellCheck={false} {...check('address')} />
          </Field>
          <Field label={t('hostForm.port')} error={problem('port')} errorId="host-error-port">
            <input value={draft.port} onChange={(e) => set({ port: e.target.value })} data-testid="host-port" inputMode="numeric" {...check('port')} />
          </Field>
          <Field label={`${t('hostForm.user')} *`} error={problem('user')} errorId="host-error-user">
            <input value={draft.user} onChange={(e) => set({ user: e.target.value })} data-testid="host-user" aria-required autoComplete="off" spellCheck={false} {...check('user')} />
          </Field>
        </div>
        <fieldset className="field inv-radio-row">
          <legend>{t('hostForm.auth')}</legend>
          {(['key', 'agent', 'password'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="auth" checked={draft.authMethod === m} onChange={() => set({ authMethod: m, secret: '' })} data-testid={`auth-${m}`} /> {t(`inventory.auth.${m}`)}
            </label>
          ))}
        </fieldset>
        {draft.authMethod === 'key' && (
          <Field label={`${t('hostForm.keyPath')} *`} error={problem('keyPath')} errorId="host-error-keyPath">
            <input value={draft.keyPath} onChange={(e) => set({ keyPath: e.target.value })} data-testid="host-key-path" aria-required spellCheck={false} placeholder="~/.ssh/id_ed25519" {...check('keyPath')} />
          </Field>
        )}
        {draft.authMethod !== 'agent' && (
          <Field label={secretLabel} hint={secretDropped ? t('inventory.form.secretDropped') : draft.hasSecret ? t('hostForm.secretKept') : undefined}>
            <input type="password" value={draft.secret} onChange={(e) => set({ secret: e.target.value })} data-testid="host-secret" autoComplete="new-password" />
          </Field>
        )}
        <div className="inv-form-grid">
          <Field label={t('hostForm.jumpHost')} hint={t('hostForm.jumpHostNote')}>
            <input value={draft.jumpHost} onChange={(e) => set({ jumpHost: e.target.value })} data-testid="host-jump" spellCheck={false} />
          </Field>
          <Field label={t('hostForm.tags')}>
            <input value={draft.tags} onChange={(e) => set({ tags: e.target.value })} data-testid="host-tags" />
          </Field>
          <Field label={t('hostForm.interval')} error={problem('intervalSeconds')} errorId="host-error-intervalSeconds">
            <input value={draft.intervalSeconds} onChange={(e) => set({ intervalSeconds: e.target.value })} inputMode="numeric" data-testid="host-interval" {...check('intervalSeconds')} />
          </Field>
        </div>
        <Field label={t('hostForm.policy')}>
          <select value={draft.hostKeyPolicy} onChange={(e) => set({ hostKeyPolicy: e.target.value as HostDraft['hostKeyPolicy'] })} data-testid="host-policy">
            <option value="ask">{t('hostForm.policy.ask')}</option>
            <option value="accept-new">{t('hostForm.policy.accept-new')}</option>
          </select>
        </Field>
        <label className="inv-check">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} data-testid="host-enabled" /> {t('hostForm.enabled')}
        </label>

        <div className="inv-form-status" aria-live="polite">
          {tried && Object.keys(problems).length > 0 && (
            <p className="inline-error" role="alert" data-testid="form-invalid">
              {t('hostForm.invalid', { count: Object.keys(problems).length })}
            </p>
          )}
          {busy === 'test' && <p>{t('hostForm.testing')}</p>}
          {test?.ok && (
            <p className="inv-ok" data-testid="test-ok">
              ✓ {t('hostForm.testOk', { ms: test.elapsedMs, fingerprint: test.fingerprint })}
            </p>
          )}
          {test && !test.ok && (
            <div className="inline-error" role="alert" data-testid="test-error" data-code={test.code}>
              <p>{describeError(t, test)}</p>
            </div>
          )}
          {error && (
            <p className="inline-error" role="alert" data-testid="form-error">
              {describeError(t, error)}
            </p>
          )}
          {saved && (
            <p className="inv-ok" data-testid="form-saved">
              ✓ {t('hostForm.saved')}
            </p>
          )}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose} data-testid="host-form-close">
            {t('hostForm.cancel')}
          </button>
          <button type="button" className="btn" onClick={() => void run('test')} disabled={busy !== null} data-testid="host-test">
            {t('hostForm.test')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy !== null} data-testid="host-save">
            {busy === 'save' ? t('hostForm.saving') : t('hostForm.save')}
          </button>
        </div>
      </form>
      {trusting && (
        <TrustDialog
          target={`${draft.user}@${draft.address}:${draft.port}`}
          fingerprint={trusting.fingerprint}
          keyType={trusting.keyType}
          changed={trusting.changed}
          onTrust={trust}
          onClose={() => setTrusting(null)}
        />
      )}
    </Dialog>
  );
}

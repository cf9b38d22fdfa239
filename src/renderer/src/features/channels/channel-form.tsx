// Add or edit a notification channel: the fields of its type's descriptor, secrets that are
// never shown back (kept, typed anew or forgotten), "send test" with the result in words.
import { useState } from 'react';
import type { ChannelField, ChannelTestResult, ChannelTypeDescriptor } from '../../../../shared/channels';
import type { ErrorPayload } from '../../../../shared/errors';
import { textIn } from '../../domain/kinds';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { Dialog } from '../../ui/dialog';
import { CodeText } from '../../ui/state-views';
import { destinationChanged, emptyDraft, inputFromDraft, missingFields, randomSecret, secretKept, type ChannelDraft } from './channel-form-model';
import { deliveryCodeText } from './delivery-text';

interface Props {
  types: ChannelTypeDescriptor[];
  initial: ChannelDraft | null;
  onClose(): void;
}

type FieldError = ErrorPayload & { field?: string; data?: { field?: string } };

export function TestResult({ result }: { result: ChannelTestResult }) {
  const { t } = useI18n();
  if (result.ok) {
    return (
      <p className="inv-ok" role="status" data-testid="channel-test-ok">
        ✓ {t('channelTest.ok', { ms: result.elapsedMs })}
      </p>
    );
  }
  return (
    <div className="inline-error" role="alert" data-testid="channel-test-error" data-code={result.code}>
      <p>{t('channelTest.failed')}</p>
      <p>{deliveryCodeText(t, result.code, result.status)}</p>
      {result.detail && (
        <p className="muted">
          <CodeText text={t('channelTest.detail', { detail: `\`${result.detail}\`` })} />
        </p>
      )}
    </div>
  );
}

export function ChannelForm({ types, initial, onClose }: Props) {
  const { t, language } = useI18n();
  const hostKind = useAppStore((s) => s.hostKind);
  const saveChannel = useAppStore((s) => s.saveChannel);
  const testChannel = useAppStore((s) => s.testChannel);
  // Where secrets really go on this computer (keychain, encrypted file, or memory only).
  const secretBackend = useAppStore((s) => s.inventory?.secretStorage.backend ?? null);
  const [draft, setDraft] = useState<ChannelDraft>(initial ?? emptyDraft(types[0]!, language));
  const type = types.find((x) => x.type === draft.type) ?? types[0]!;
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [test, setTest] = useState<ChannelTestResult | null>(null);
  const [error, setError] = useState<FieldError | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);

  const change = (next: (d: ChannelDraft) => ChannelDraft, key?: string) => {
    setDraft(next);
    setSaved(false);
    setTest(null);
    if (key) setMissing((m) => m.filter((k) => k !== key));
  };

  const run = async (kind: 'test' | 'save') => {
    const gaps = missingFields(draft, type);
    setMissing(gaps);
    setError(null);
    setTest(null);
    if (gaps.length > 0) return;
    setBusy(kind);
    try {
      const input = inputFromDraft(draft, type);
      if (kind === 'test') setTest(await testChannel(input));
      else {
        const record = await saveChannel(input);
        setDraft((d) => ({ ...d, id: record.id, secrets: {}, forget: [], hasSecret: record.hasSecret, original: Object.fromEntries(type.destinationFields.filter((k) => k in d.fields).map((k) => [k, d.fields[k]!])) }));
        setSaved(true);
      }
    } catch (err) {
      setError(err as FieldError);
    } finally {
      setBusy(null);
    }
  };

  const invalidField = error?.field ?? error?.data?.field ?? (test && !test.ok ? test.field : null);
  const fieldClass = (key: string) => (missing.includes(key) || invalidField === key ? 'field field-invalid' : 'field');
  const moved = destinationChanged(draft, type);

  const control = (f: ChannelField) => {
    const common = { id: `channel-${f.key}`, 'data-testid': `channel-field-${f.key}`, 'aria-invalid': missing.includes(f.key) || invalidField === f.key || undefined };
    if (f.input === 'secret') {
      return (
        <input
          {...common}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          placeholder={f.placeholder}
          value={draft.secrets[f.key] ?? ''}
          onChange={(e) => change((d) => ({ ...d, secrets: { ...d.secrets, [f.key]: e.target.value }, forget: d.forget.filter((k) => k !== f.key) }), f.key)}
        />
      );
    }
    const value = draft.fields[f.key] ?? '';
    const set = (v: string) => change((d) => ({ ...d, fields: { ...d.fields, [f.key]: v } }), f.key);
    if (f.input === 'select') {
      return (
        <select {...common} value={value} onChange={(e) => set(e.target.value)}>
          {(f.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {textIn(language, o.label)}
            </option>
          ))}
        </select>
      );
    }
    if (f.input === 'checkbox') return <input {...common} type="checkbox" checked={value === 'true'} onChange={(e) => set(e.target.checked ? 'true' : '')} />;
    if (f.input === 'list') return <textarea {...common} rows={2} value={value} placeholder={f.placeholder} spellCheck={false} onChange={(e) => set(e.target.value)} />;
    return <input {...common} value={value} inputMode={f.input === 'number' ? 'numeric' : f.input === 'url' ? 'url' : undefined} placeholder={f.placeholder} spellCheck={false} autoComplete="off" onChange={(e) => set(e.target.value)} />;
  };

  const regions: Array<ChannelTypeDescriptor['region']> = ['korea', 'global', 'local'];
  return (
    <Dialog title={draft.id ? t('channelForm.titleEdit', { name: draft.name }) : t('channelForm.titleNew')} onClose={onClose} testId="channel-form" wide>
      <form
        className="inv-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run('save');
        }}
      >
        {!draft.id && (
          <label className="field" htmlFor="channel-type">
            <span>{t('channelForm.type')}</span>
            <select id="channel-type" value={draft.type} data-testid="channel-type" onChange={(e) => setDraft({ ...emptyDraft(types.find((x) => x.type === e.target.value)!, draft.language), name: draft.name })}>
              {regions.map((region) => (
                <optgroup key={region} label={t(`channels.region.${region}`)}>
                  {types
                    .filter((x) => x.region === region)
                    .map((x) => (
                      <option key={x.type} value={x.type}>
                        {textIn(language, x.name)}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
        )}
        <p className="inv-muted" data-testid="channel-summary">
          {textIn(language, type.summary)}{' '}
          {type.docsUrl && (
            <a href={type.docsUrl} target="_blank" rel="noreferrer noopener">
              {t('channelForm.docs')}
            </a>
          )}
        </p>
        <div className="inv-form-grid">
          <label className={fieldClass('name')} htmlFor="channel-name">
            <span>{t('channelForm.name')}</span>
            <input id="channel-name" value={draft.name} maxLength={100} placeholder={t('channelForm.namePlaceholder')} data-testid="channel-field-name" aria-invalid={missing.includes('name') || invalidField === 'name' || undefined} onChange={(e) => change((d) => ({ ...d, name: e.target.value }), 'name')} />
            {missing.includes('name') && <small className="field-error">{t('channelForm.required')}</small>}
          </label>
          <label className="field" htmlFor="channel-language">
            <span>{t('channelForm.language')}</span>
            <select id="channel-language" value={draft.language} data-testid="channel-language" onChange={(e) => change((d) => ({ ...d, language: e.target.value === 'en' ? 'en' : 'ko' }))}>
              <option value="ko">{t('channels.language.ko')}</option>
              <option value="en">{t('channels.language.en')}</option>
            </select>
          </label>
          {type.fields.map((f) => (
            <label key={f.key} className={fieldClass(f.key)} htmlFor={`channel-${f.key}`}>
              <span>{textIn(language, f.label)}</span>
              {control(f)}
              {missing.includes(f.key) && <small className="field-error">{t('channelForm.required')}</small>}
              {f.input === 'secret' && secretKept(draft, type, f.key) && <small className="field-hint">{t('channelForm.secretKept')}</small>}
              {f.input === 'secret' && draft.hasSecret[f.key] && moved && !draft.secrets[f.key] && !type.destinationFields.includes(f.key) && (
                <small className="field-error" data-testid={`channel-secret-dropped-${f.key}`}>
                  {t('channelForm.secretDropped')}
                </small>
              )}
              {f.input === 'secret' && draft.forget.includes(f.key) && <small className="field-hint">{t('channelForm.secretForgotten')}</small>}
              {f.input === 'secret' && secretBackend && <small className="field-hint">{t(`checkForm.secretWhere.${secretBackend}`)}</small>}
              {f.help && <small className="field-hint">{textIn(language, f.help)}</small>}
              {f.input === 'secret' && (
                <span className="button-row">
                  {f.key === 'signingSecret' && (
                    <button type="button" className="btn btn-small" onClick={() => change((d) => ({ ...d, secrets: { ...d.secrets, [f.key]: randomSecret() } }), f.key)} data-testid="channel-generate">
                      {t('channelForm.generate')}
                    </button>
                  )}
                  {draft.hasSecret[f.key] && !f.required && !draft.forget.includes(f.key) && (
                    <button type="button" className="btn btn-small" onClick={() => change((d) => ({ ...d, forget: [...d.forget, f.key], secrets: { ...d.secrets, [f.key]: '' } }))}>
                      {t('channelForm.secretForget')}
                    </button>
                  )}
                </span>
              )}
            </label>
          ))}
        </div>
        {type.fields.length === 0 && <p className="inv-muted">{t('channelForm.noFields')}</p>}
        <label className="inv-check">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => change((d) => ({ ...d, enabled: e.target.checked }))} data-testid="channel-enabled" /> {t('channelForm.enabled')}
        </label>

        <div className="inv-form-status" aria-live="polite">
          {busy === 'test' && (
            <p role="status">
              <span className="spinner" aria-hidden="true" /> {t('channelForm.testing')}
            </p>
          )}
          {busy === 'save' && (
            <p role="status">
              <span className="spinner" aria-hidden="true" /> {t('channelForm.saving')}
            </p>
          )}
          {missing.length > 0 && (
            <p className="inline-error" role="alert" data-testid="channel-missing">
              {t('channelForm.fillMissing')}
            </p>
          )}
          {test && <TestResult result={test} />}
          {error && (
            <p className="inline-error" role="alert" data-testid="channel-save-error" data-code={error.code}>
              {describeError(t, error, hostKind)}
            </p>
          )}
          {saved && (
            <p className="inv-ok" data-testid="channel-saved">
              ✓ {t('channelForm.saved')}
            </p>
          )}
        </div>
        <div className="button-row">
          <button type="button" className="btn" disabled={busy !== null} onClick={() => void run('test')} data-testid="channel-test">
            {t('channels.test')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy !== null} data-testid="channel-save">
            {t('channelForm.save')}
          </button>
          <button type="button" className="btn" onClick={onClose} data-testid="channel-close">
            {t('channelForm.close')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

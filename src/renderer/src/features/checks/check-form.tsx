// Add or edit a check of a kind the engine describes (a database, an endpoint, a data source): fields from the
// kind's descriptor, a test button that says exactly what failed (a missing grant, an expired
// certificate, a refused port...), and a password or token kept in the keychain.
import { useState } from 'react';
import type { CheckTestResult, KindDescriptor } from '../../../../shared/checks';
import type { ErrorPayload } from '../../../../shared/errors';
import { textIn } from '../../domain/kinds';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { Dialog } from '../../ui/dialog';
import { CodeText } from '../../ui/state-views';
import { checkErrorText } from './check-error-text';
import { CheckFieldInput } from './check-field-input';
import { checkInputFromDraft, emptyCheckDraft, fieldShown, isDestinationField, missingFields, type CheckDraft } from './check-form-model';
import { EndpointTestSummary } from './endpoint-test-summary';
import { noteText } from './note-text';
import { sourceErrorText } from './source-error-text';

interface Props {
  /** The kinds the person may add (databases). */
  kinds: KindDescriptor[];
  initial: CheckDraft | null;
  onClose(): void;
}

export function CheckForm({ kinds, initial, onClose }: Props) {
  const { t, language } = useI18n();
  const secretBackend = useAppStore((s) => s.inventory?.secretStorage.backend ?? null);
  const saveCheck = useAppStore((s) => s.saveCheck);
  const testCheck = useAppStore((s) => s.testCheck);
  const [draft, setDraft] = useState<CheckDraft>(initial ?? emptyCheckDraft(kinds[0]!));
  const descriptor = kinds.find((k) => k.kind === draft.kind) ?? kinds[0]!;
  const endpoint = descriptor.category === 'endpoint';
  const source = descriptor.category === 'source';
  /** A source's failures have their own words (refused, credentials, not Prometheus, status "error"). */
  const sourceName = textIn(language, descriptor.name);
  const failureText = (code: string, data?: Record<string, string | number | null>) => (source ? sourceErrorText(t, code, data, sourceName) : null) ?? checkErrorText(t, code, labelled(data));
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [test, setTest] = useState<CheckTestResult | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const [destinationChanged, setDestinationChanged] = useState(false);

  const setField = (key: string, value: string) => {
    setDraft((d) => ({ ...d, fields: { ...d.fields, [key]: value } }));
    setSaved(false);
    setMissing((m) => m.filter((k) => k !== key));
    // Anything that says where the password goes: the stored one will not be sent there.
    if (draft.hasSecret && isDestinationField(key, descriptor)) setDestinationChanged(true);
  };

  const run = async (kind: 'test' | 'save') => {
    const gaps = missingFields(draft, descriptor);
    setMissing(gaps);
    setError(null);
    setTest(null);
    if (gaps.length > 0) return;
    setBusy(kind);
    try {
      const input = checkInputFromDraft(draft, descriptor);
      if (kind === 'test') setTest(await testCheck(input));
      else {
        const saved = await saveCheck(input);
        setDraft((d) => ({ ...d, id: saved.id, password: '', hasSecret: saved.hasSecret }));
        setDestinationChanged(false);
        setSaved(true);
      }
    } catch (err) {
      setError(err as ErrorPayload);
    } finally {
      setBusy(null);
    }
  };

  const invalidField = error?.data?.field !== undefined ? String(error.data.field) : test && !test.ok && test.data?.field ? String(test.data.field) : null;
  /** The engine names a setting by its key; the person knows it by its label. */
  const labelled = (data?: Record<string, string | number | null>) => {
    const field = data?.field ? descriptor.form.find((f) => f.key === data.field) : undefined;
    return field ? { ...data, field: textIn(language, field.label) } : data?.field === 'name' ? { ...data, field: t('checkForm.name') } : data;
  };
  const fieldClass = (key: string) => (missing.includes(key) || invalidField === key ? 'field field-invalid' : 'field');

  return (
    <Dialog title={formTitle(t, descriptor, draft)} onClose={onClose} testId="check-form" wide>
      <form
        className="inv-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void run('save');
        }}
      >
        {!draft.id && kinds.length > 1 && (
          <fieldset className="field inv-radio-row">
            <legend>{t('checkForm.kind')}</legend>
            {kinds.map((k) => (
              <label key={k.kind}>
                <input type="radio" name="kind" checked={draft.kind === k.kind} onChange={() => setDraft({ ...emptyCheckDraft(k), name: draft.name })} data-testid={`check-kind-${k.kind}`} /> {textIn(language, k.name)}
              </label>
            ))}
          </fieldset>
        )}
        <div className="inv-form-grid">
          <label className={fieldClass('name')} htmlFor="check-name">
            <span>{t('checkForm.name')}</span>
            <input id="check-name" value={draft.name} maxLength={200} data-testid="check-field-name" aria-invalid={missing.includes('name') || undefined} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} />
            {missing.includes('name') && <small className="field-error">{t('checkForm.required')}</small>}
          </label>
          {descriptor.form.filter((f) => fieldShown(f, draft)).map((f) => (
            <label key={f.key} className={`${fieldClass(f.key)}${f.input === 'lines' ? ' field-wide' : ''}${f.input === 'checkbox' ? ' field-checkbox' : ''}`} htmlFor={`check-${f.key}`}>
              <span>{textIn(language, f.label)}</span>
              <CheckFieldInput
                field={f}
                category={descriptor.category}
                value={draft.fields[f.key] ?? ''}
                password={draft.password}
                invalid={missing.includes(f.key) || invalidField === f.key}
                onChange={(v) => setField(f.key, v)}
                onPassword={(v) => {
                  setDraft((d) => ({ ...d, password: v }));
                  setSaved(false);
                }}
              />
              {missing.includes(f.key) && <small className="field-error">{t('checkForm.required')}</small>}
              {f.input === 'password' && draft.hasSecret && !destinationChanged && draft.password === '' && <small className="field-hint">{t(endpoint ? 'endpoint.form.secretKept' : 'checkForm.secretKept')}</small>}
              {f.input === 'password' && draft.hasSecret && destinationChanged && draft.password === '' && (
                <small className="field-error" data-testid="check-secret-dropped">
                  {t(endpoint ? 'endpoint.form.secretDropped' : 'checkForm.secretDropped')}
                </small>
              )}
              {f.input === 'password' && secretBackend && <small className="field-hint">{t(`checkForm.secretWhere.${secretBackend}`)}</small>}
              {f.help && <small className="field-hint">{textIn(language, f.help)}</small>}
            </label>
          ))}
        </div>
        <label className="inv-check">
          <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft((d) => ({ ...d, enabled: e.target.checked }))} data-testid="check-enabled" /> {t('checkForm.enabled')}
        </label>
        {descriptor.category === 'database' && (
          <details className="check-grants">
            <summary>{t('checkForm.grantsTitle')}</summary>
            <p>{t(descriptor.kind === 'postgres' ? 'checkForm.grantsPostgres' : 'checkForm.grantsMysql')}</p>
            <pre className="query-text">{descriptor.kind === 'postgres' ? POSTGRES_GRANTS : MYSQL_GRANTS}</pre>
          </details>
        )}

        <div className="inv-form-status" aria-live="polite">
          {busy === 'test' && (
            <p role="status">
              <span className="spinner" aria-hidden="true" /> {(endpoint ? t('endpoint.form.testing') : source ? t('source.form.testing', { source: sourceName }) : t('checkForm.testing'))}
            </p>
          )}
          {busy === 'save' && (
            <p role="status">
              <span className="spinner" aria-hidden="true" /> {t('checkForm.saving')}
            </p>
          )}
          {missing.length > 0 && (
            <p className="inline-error" role="alert" data-testid="check-missing">
              {t('checkForm.fillMissing')}
            </p>
          )}
          {test?.ok && (
            <div className="inv-ok" data-testid="check-test-ok">
              {endpoint ? (
                <EndpointTestSummary result={test} />
              ) : source && descriptor.kind === 'prometheus' ? (
                <p>✓ {t('source.form.testOk', { ms: test.elapsedMs, targets: test.facts.targets ?? '—', up: test.facts.up ?? '—', hosts: test.facts.hosts ?? '—' })}</p>
              ) : descriptor.category === 'log' ? (
                <p>✓ {t('logs.form.testOk', { ms: test.elapsedMs, file: test.facts.file ?? test.facts.unit ?? '—' })}</p>
              ) : descriptor.category === 'source' ? (
                <p>✓ {t('checkForm.testOkSource', { ms: test.elapsedMs, version: test.facts.version ?? '—', hosts: test.facts.hosts ?? '—', problems: test.facts.problems ?? '—' })}</p>
              ) : (
                <p>✓ {t('checkForm.testOk', { ms: test.elapsedMs, version: test.facts.version ?? '—', role: test.facts.role === 'replica' ? t('check.role.replica') : t('check.role.primary') })}</p>
              )}
              {test.notes.map((n, i) => (
                <p key={i} className="muted">
                  {noteText(t, n)}
                </p>
              ))}
            </div>
          )}
          {test && !test.ok && (
            <div className="inline-error" role="alert" data-testid="check-test-error" data-code={test.code} data-reason={String(test.data?.reason ?? test.data?.phase ?? '') || undefined}>
              <p>
                <CodeText text={failureText(test.code, test.data)} />
              </p>
            </div>
          )}
          {error && (
            <p className="inline-error" role="alert" data-testid="check-form-error" data-code={error.code}>
              <CodeText text={failureText(error.code, error.data)} />
            </p>
          )}
          {saved && (
            <p className="inv-ok" data-testid="check-form-saved">
              ✓ {t('checkForm.saved')}
            </p>
          )}
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose} data-testid="check-form-close">
            {t('hostForm.cancel')}
          </button>
          <button type="button" className="btn" onClick={() => void run('test')} disabled={busy !== null} data-testid="check-test">
            {t(endpoint ? 'endpoint.form.testButton' : 'hostForm.test')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy !== null} data-testid="check-save">
            {t('hostForm.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function formTitle(t: ReturnType<typeof useI18n>['t'], descriptor: KindDescriptor, draft: CheckDraft): string {
  if (descriptor.category === 'log') return draft.id ? t('logs.form.titleEdit', { name: draft.name }) : t('logs.form.titleNew');
  if (draft.id) return t('checkForm.titleEdit', { name: draft.name });
  if (descriptor.category === 'source') return t('source.form.titleNew');
  return t(descriptor.category === 'endpoint' ? 'endpoint.form.titleNew' : 'checkForm.titleNew');
}

const POSTGRES_GRANTS = `CREATE ROLE opsdeck LOGIN PASSWORD '…' CONNECTION LIMIT 3;
GRANT pg_monitor TO opsdeck;
ALTER ROLE opsdeck SET statement_timeout = '5s';
-- pg_stat_statements: CREATE EXTENSION pg_stat_statements;`;

const MYSQL_GRANTS = `CREATE USER 'opsdeck'@'127.0.0.1' IDENTIFIED BY '…' WITH MAX_USER_CONNECTIONS 3;
GRANT PROCESS, SLAVE MONITOR ON *.* TO 'opsdeck'@'127.0.0.1';
GRANT SELECT ON performance_schema.* TO 'opsdeck'@'127.0.0.1';`;

// Settings > Alert rules: grouping and repeats said in plain words, the incident policy, every
// rule (shipped and the organisation's), a rule editor that tries the rule on the last 24 h of
// stored history, and rules files in and out.
import { useRef, useState } from 'react';
import type { AlertRule, AlertSettings, RulePreview, RuleRecord } from '../../../../shared/alerts';
import type { ErrorPayload } from '../../../../shared/errors';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { downloadTextFile } from '../../ui/download';
import { describeAlertError } from '../alerts/alert-errors';
import { ruleConditionText, ruleName } from '../alerts/alert-text';

const SECOND = 1000;

function blankRule(): AlertRule {
  return {
    id: '',
    label: null,
    metric: 'mem.used',
    condition: { kind: 'threshold', direction: 'above', threshold: 90, recovery: null },
    forMs: 5 * 60 * SECOND,
    recoverForMs: 0,
    keepFiringForMs: 0,
    severity: 'warning',
    targets: [],
    services: [],
    kinds: [],
    channels: null,
    enabled: true,
    description: null,
    overrides: [],
  };
}

function GroupingPanel({ settings }: { settings: AlertSettings }) {
  const { t, fmt } = useI18n();
  const hostKind = useAppStore((s) => s.hostKind);
  const save = useAppStore((s) => s.saveAlertSettings);
  const [draft, setDraft] = useState(settings);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [saved, setSaved] = useState(false);
  const minutes = (ms: number) => Math.round(ms / 60_000);
  return (
    <section className="panel" data-testid="settings-grouping">
      <h2>{t('settings.grouping.title')}</h2>
      <p className="plain-words" data-testid="grouping-explain">
        {t('settings.grouping.explain', { wait: fmt.duration(draft.groupWaitMs / 1000), repeat: fmt.duration(draft.repeatIntervalMs / 1000), escalate: fmt.duration(draft.escalateAfterMs / 1000) })}
      </p>
      <form
        className="field-grid"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          save(draft).then(
            () => setSaved(true),
            (err: ErrorPayload) => setError(err),
          );
        }}
      >
        <label>
          {t('settings.grouping.wait')} ({t('unit.second', { n: '' }).trim()})
          <input type="number" min={0} max={3600} value={draft.groupWaitMs / 1000} onChange={(e) => setDraft({ ...draft, groupWaitMs: Number(e.target.value) * 1000 })} data-testid="settings-group-wait" />
        </label>
        <label>
          {t('settings.grouping.repeat')} ({t('unit.minute', { n: '' }).trim()})
          <input type="number" min={1} value={minutes(draft.repeatIntervalMs)} onChange={(e) => setDraft({ ...draft, repeatIntervalMs: Number(e.target.value) * 60_000 })} data-testid="settings-repeat" />
        </label>
        <label>
          {t('settings.grouping.escalate')} ({t('unit.minute', { n: '' }).trim()})
          <input type="number" min={1} value={minutes(draft.escalateAfterMs)} onChange={(e) => setDraft({ ...draft, escalateAfterMs: Number(e.target.value) * 60_000 })} data-testid="settings-escalate" />
        </label>
        <label>
          {t('settings.incidents.policy')}
          <select value={draft.incidentPolicy} onChange={(e) => setDraft({ ...draft, incidentPolicy: e.target.value as AlertSettings['incidentPolicy'] })} data-testid="settings-incident-policy">
            <option value="propose">{t('settings.incidents.propose')}</option>
            <option value="open">{t('settings.incidents.open')}</option>
            <option value="off">{t('settings.incidents.off')}</option>
          </select>
        </label>
        <p className="muted small">{t('settings.incidents.recovery', { duration: fmt.duration(draft.recoveryConfirmMs / 1000) })}</p>
        <div>
          <button type="submit" className="btn btn-primary" data-testid="settings-grouping-save">
            {t('settings.save')}
          </button>{' '}
          {saved && <span className="muted">{t('settings.saved')}</span>}
        </div>
        {error && <p className="form-error">{describeAlertError(t, error, hostKind)}</p>}
      </form>
    </section>
  );
}

function RuleEditor({ initial, onDone }: { initial: AlertRule; onDone(): void }) {
  const { t, fmt } = useI18n();
  const hostKind = useAppStore((s) => s.hostKind);
  const save = useAppStore((s) => s.saveAlertRule);
  const preview = useAppStore((s) => s.previewAlertRule);
  const [rule, setRule] = useState(initial);
  const [result, setResult] = useState<RulePreview | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const c = rule.condition;
  const seconds = (ms: number) => Math.round(ms / 1000);
  const setThreshold = (patch: Partial<Extract<AlertRule['condition'], { kind: 'threshold' }>>) => c.kind === 'threshold' && setRule({ ...rule, condition: { ...c, ...patch } });
  return (
    <section className="panel" data-testid="rule-editor">
      <h2>{t('rules.editor.title')}</h2>
      <form
        className="field-grid"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          save(rule).then(onDone, (err: ErrorPayload) => setError(err));
        }}
      >
        <label>
          {t('rules.editor.name')}
          <input type="text" value={rule.id} required onChange={(e) => setRule({ ...rule, id: e.target.value.trim() })} disabled={initial.id !== ''} data-testid="rule-id" />
        </label>
        <label>
          {t('rules.editor.label')}
          <input type="text" value={rule.label ?? ''} onChange={(e) => setRule({ ...rule, label: e.target.value || null })} data-testid="rule-label" />
        </label>
        <label>
          {t('rules.editor.metric')}
          <input type="text" value={rule.metric} onChange={(e) => setRule({ ...rule, metric: e.target.value.trim() })} data-testid="rule-metric" />
        </label>
        {c.kind === 'threshold' && (
          <>
            <label>
              {t('rules.editor.direction')}
              <select value={c.direction} onChange={(e) => setThreshold({ direction: e.target.value as 'above' | 'below' })} data-testid="rule-direction">
                <option value="above">{t('rules.editor.above')}</option>
                <option value="below">{t('rules.editor.below')}</option>
              </select>
            </label>
            <label>
              {t('rules.editor.threshold')}
              <input type="number" step="any" value={c.threshold} onChange={(e) => setThreshold({ threshold: Number(e.target.value) })} data-testid="rule-threshold" />
            </label>
            <label>
              {t('rules.editor.recovery')}
              <input type="number" step="any" value={c.recovery ?? ''} onChange={(e) => setThreshold({ recovery: e.target.value === '' ? null : Number(e.target.value) })} data-testid="rule-recovery" />
            </label>
          </>
        )}
        <label>
          {t('rules.editor.for')}
          <input type="number" min={0} value={seconds(rule.forMs)} onChange={(e) => setRule({ ...rule, forMs: Number(e.target.value) * SECOND })} data-testid="rule-for" />
        </label>
        <label>
          {t('rules.editor.recoverFor')}
          <input type="number" min={0} value={seconds(rule.recoverForMs)} onChange={(e) => setRule({ ...rule, recoverForMs: Number(e.target.value) * SECOND })} data-testid="rule-recover-for" />
        </label>
        <label>
          {t('rules.editor.keepFiringFor')}
          <input type="number" min={0} value={seconds(rule.keepFiringForMs)} onChange={(e) => setRule({ ...rule, keepFiringForMs: Number(e.target.value) * SECOND })} data-testid="rule-keep-firing" />
        </label>
        <label>
          {t('rules.editor.severity')}
          <select value={rule.severity} onChange={(e) => setRule({ ...rule, severity: e.target.value as AlertRule['severity'] })} data-testid="rule-severity">
            <option value="critical">{t('alerts.severity.critical')}</option>
            <option value="warning">{t('alerts.severity.warning')}</option>
            <option value="info">{t('alerts.severity.info')}</option>
          </select>
        </label>
        <label>
          {t('rules.editor.description')}
          <input type="text" value={rule.description ?? ''} onChange={(e) => setRule({ ...rule, description: e.target.value || null })} data-testid="rule-description" />
        </label>
        <label className="checkbox">
          <span>
            <input type="checkbox" checked={rule.enabled} onChange={(e) => setRule({ ...rule, enabled: e.target.checked })} data-testid="rule-enabled" /> {t('rules.editor.enabled')}
          </span>
        </label>
        <div>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setError(null);
              preview(rule).then(setResult, (err: ErrorPayload) => setError(err));
            }}
            data-testid="rule-preview"
          >
            {t('rules.editor.preview')}
          </button>{' '}
          <button type="submit" className="btn btn-primary" data-testid="rule-save">
            {t('settings.save')}
          </button>{' '}
          <button type="button" className="btn" onClick={onDone}>
            {t('settings.cancel')}
          </button>
        </div>
      </form>
      {result && (
        <div className="preview-result" data-testid="rule-preview-result" data-count={result.total}>
          {result.evaluatedSeries === 0 ? t('rules.preview.unsupported') : result.total > 0 ? t('rules.preview.result', { count: result.total }) : t('rules.preview.none')}
          <ul className="muted small">
            {result.firings.map((f) => (
              <li key={`${f.targetId}|${f.seriesKey}`}>{t('rules.preview.where', { target: f.targetName, series: f.seriesKey ?? '', count: f.count })}</li>
            ))}
          </ul>
        </div>
      )}
      {error && <p className="form-error">{describeAlertError(t, error, hostKind)}</p>}
      <p className="muted small">{ruleConditionText(t, fmt, rule)}</p>
    </section>
  );
}

export function RulesTab() {
  const { t, fmt } = useI18n();
  const hostKind = useAppStore((s) => s.hostKind);
  const config = useAppStore((s) => s.alertsConfig);
  const deleteRule = useAppStore((s) => s.deleteAlertRule);
  const exportRules = useAppStore((s) => s.exportAlertRules);
  const importRules = useAppStore((s) => s.importAlertRules);
  const [editing, setEditing] = useState<AlertRule | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setMessage(null);
    try {
      const r = await importRules(await file.text());
      setMessage(t('rules.imported', { added: r.rules.added.length, updated: r.rules.updated.length, unchanged: r.rules.unchanged.length, channels: r.channels.imported.length }));
    } catch (err) {
      setError(err as ErrorPayload);
    } finally {
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  return (
    <div className="settings-grid" data-testid="settings-rules">
      {config.settings && <GroupingPanel key={JSON.stringify(config.settings)} settings={config.settings} />}
      {editing && <RuleEditor key={editing.id || 'new'} initial={editing} onDone={() => setEditing(null)} />}
      <section className="panel">
        <h2>{t('rules.list.title')}</h2>
        <p className="muted">{t('rules.list.intro')}</p>
        <div className="toolbar">
          <button type="button" className="btn btn-primary" onClick={() => setEditing(blankRule())} data-testid="rules-new">
            {t('rules.new')}
          </button>{' '}
          <button type="button" className="btn" onClick={() => fileRef.current?.click()} data-testid="rules-import-button">
            {t('rules.import')}
          </button>
          <input ref={fileRef} type="file" accept=".yaml,.yml,text/yaml" className="hidden-input" hidden onChange={(e) => void onFile(e.target.files?.[0])} data-testid="rules-import" />{' '}
          <button type="button" className="btn" onClick={() => void exportRules().then(downloadTextFile, (err: ErrorPayload) => setError(err))} data-testid="rules-export">
            {t('rules.export')}
          </button>
        </div>
        {message && (
          <p className="muted" role="status" data-testid="rules-import-result">
            {message}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="rules-error">
            {describeAlertError(t, error, hostKind)}
          </p>
        )}
        <table className="settings-table" data-testid="rules-table">
          <thead>
            <tr>
              <th>{t('rules.col.rule')}</th>
              <th>{t('rules.col.metric')}</th>
              <th>{t('rules.col.condition')}</th>
              <th>{t('rules.col.severity')}</th>
              <th>{t('rules.col.origin')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {config.rules.map((r: RuleRecord) => (
              <tr key={r.rule.id} data-testid="rule-row" data-rule-id={r.rule.id}>
                <td>
                  {ruleName(t, r.rule)} {!r.rule.enabled && <span className="muted">({t('rules.disabled')})</span>}
                </td>
                <td>
                  <code>{r.rule.metric}</code>
                </td>
                <td>{ruleConditionText(t, fmt, r.rule)}</td>
                <td>{t(`alerts.severity.${r.rule.severity}`)}</td>
                <td>{t(`rules.origin.${r.origin}`)}</td>
                <td>
                  <button type="button" className="btn btn-small" onClick={() => setEditing(r.rule)} data-testid={`rule-edit-${r.rule.id}`}>
                    {t('settings.edit')}
                  </button>{' '}
                  {r.origin !== 'default' && (
                    <button type="button" className="btn btn-small" onClick={() => void deleteRule(r.rule.id).catch((err: ErrorPayload) => setError(err))} data-testid={`rule-delete-${r.rule.id}`}>
                      {r.origin === 'override' ? t('rules.restore') : t('settings.delete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

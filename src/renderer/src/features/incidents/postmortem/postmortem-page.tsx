// The post-mortem of stage 4: every section, action items with owners and due dates, the
// blameless guidance beside the form, and export to Markdown and (through the print view) PDF.
import '../incidents.css';
import { useEffect, useState, type ReactNode } from 'react';
import { POSTMORTEM_STATUSES } from '../../../../../shared/incidents';
import type { PostmortemView } from '../../../../../shared/incidents-contract';
import { describeError } from '../../../i18n/describe';
import { useI18n } from '../../../i18n/use-i18n';
import { routeToHash } from '../../../routing/routes';
import { useAppStore } from '../../../store/react';
import { downloadTextFile } from '../../../ui/download';
import { ErrorState, LoadingState } from '../../../ui/state-views';
import { ActionItemsEditor } from './action-items';
import { formOf, formProblems, newActionItem, overdueItemIds, postmortemOf, type PostmortemForm, type PostmortemProblem } from './form-model';
import { FieldError } from '../../../ui/field-error';
import { Guidance } from './guidance';
import { requestPrint } from './print-request';
import { errorPayloadOf } from '../../../store/errors';
import { myName } from '../../../store/people-slice';
import { PeopleNames } from '../people-panel';

export function PostmortemPage() {
  const { t } = useI18n();
  const state = useAppStore((s) => s.postmortem);
  const detail = useAppStore((s) => s.room.detail);
  const hostKind = useAppStore((s) => s.hostKind);
  const open = useAppStore((s) => s.openPostmortem);
  if (state.status === 'error' && state.error && state.incidentId)
    return <ErrorState message={describeError(t, state.error, hostKind)} onRetry={() => void open(state.incidentId!)} testId="pm-error" />;
  if (!state.view || !detail) return <LoadingState text={t('pm.loading')} testId="pm-loading" />;
  // Keyed by revision: after a save the form restarts from what the engine stored.
  return <PostmortemEditor key={`${state.incidentId}-${state.view.revision}`} view={state.view} title={detail.incident.title} incidentId={detail.incident.id} />;
}

function PostmortemEditor({ view, title, incidentId }: { view: PostmortemView; title: string; incidentId: string }) {
  const { t, fmt, language } = useI18n();
  const save = useAppStore((s) => s.savePostmortem);
  const exportPostmortem = useAppStore((s) => s.exportPostmortem);
  const navigate = useAppStore((s) => s.navigate);
  const saving = useAppStore((s) => s.postmortem.saving);
  const saveError = useAppStore((s) => s.postmortem.saveError);
  const people = useAppStore((s) => s.people);
  const meId = useAppStore((s) => s.meId);
  // A new draft is written by the person at this desk, not by the OS account the engine runs as.
  const [form, setForm] = useState<PostmortemForm>(() => {
    const initial = formOf(view.postmortem);
    const me = myName(people, meId, '');
    return view.revision === 0 && me !== '' && people && initial.authors === people.osUser ? { ...initial, authors: me } : initial;
  });
  const [message, setMessage] = useState<string | null>(null);
  const [problems, setProblems] = useState<Map<string, PostmortemProblem>>(new Map());
  const original = JSON.stringify(formOf(view.postmortem));
  const dirty = JSON.stringify(form) !== original || view.revision === 0;
  const set = <K extends keyof PostmortemForm>(key: K, value: PostmortemForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  useEffect(() => setMessage(null), [form]);
  /** aria props and message of a checked field, once a save found it wrong. */
  const problemOf = (key: string) => problems.get(key);
  const invalid = (key: string) => (problemOf(key) ? { 'aria-invalid': true as const, 'aria-describedby': `pm-error-${key}` } : {});
  const errorLine = (key: string) => {
    const p = problemOf(key);
    return p ? <FieldError id={`pm-error-${key}`} text={t(p)} /> : null;
  };

  /** Saves when needed; true when what is on screen is stored. */
  const saveNow = async (): Promise<boolean> => {
    const found = formProblems(form);
    setProblems(found);
    if (found.size > 0) {
      // Focus the first field to fix, so a keyboard user lands where the work is.
      document.querySelector<HTMLElement>(`[data-testid="pm-${[...found.keys()][0]}"], [data-testid="${[...found.keys()][0]}"]`)?.focus();
      return false;
    }
    if (!dirty) return true;
    const ok = await save(postmortemOf(form, view.postmortem));
    if (ok) setMessage(t('pm.saved'));
    return ok;
  };

  const exportMarkdown = async () => {
    if (!(await saveNow())) return setMessage(t('pm.exportBlocked'));
    try {
      const file = await exportPostmortem(language);
      downloadTextFile(file);
      setMessage(t('file.saved', { name: file.filename }));
    } catch (err) {
      setMessage(t('file.failed', { message: describeError(t, errorPayloadOf(err)) }));
    }
  };

  const exportPdf = async () => {
    if (!(await saveNow())) return setMessage(t('pm.exportBlocked'));
    requestPrint();
    navigate({ name: 'postmortem-print', id: incidentId });
  };

  const text = (key: keyof PostmortemForm, label: string, rows = 3, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <textarea rows={rows} value={form[key] as string} onChange={(e) => set(key, e.target.value as never)} data-testid={`pm-${key}`} />
      {hint && <small className="muted">{hint}</small>}
    </label>
  );

  return (
    <div className="postmortem-page" data-testid="postmortem-page" data-revision={view.revision}>
      <a className="back-link" href={routeToHash({ name: 'incident', id: incidentId })}>
        <span aria-hidden="true">← </span>
        {t('pm.back')}
      </a>
      <div className="section-head">
        <h1>{t('pm.title', { title })}</h1>
        <div className="head-actions">
          <button type="button" className="btn btn-primary" disabled={saving} onClick={() => void saveNow()} data-testid="pm-save">
            {saving ? t('pm.saving') : t('pm.save')}
          </button>
          <button type="button" className="btn" disabled={saving} onClick={() => void exportMarkdown()} data-testid="pm-export-md">
            {t('pm.exportMarkdown')}
          </button>
          <button type="button" className="btn" disabled={saving} onClick={() => void exportPdf()} data-testid="pm-export-pdf">
            {t('pm.exportPdf')}
          </button>
        </div>
      </div>
      <p className="muted" data-testid="pm-state">
        {view.revision === 0 ? t('pm.draft') : t('pm.revision', { revision: view.revision })}
        {view.required && ` · ${t('pm.required')}`}
        {view.reviewDueDate && ` · ${t('pm.reviewDue', { date: view.reviewDueDate })}`}
        {dirty && view.revision > 0 && ` · ${t('pm.unsaved')}`}
      </p>
      {message && (
        <p className="notice" role="status" data-testid="pm-message">
          {message}
        </p>
      )}
      {saveError && (
        <p className="inline-error" role="alert" data-testid="pm-save-error">
          {t('pm.saveFailed', { message: describeError(t, saveError) })}
        </p>
      )}
      {problems.size > 0 && (
        <p className="inline-error" role="alert" data-testid="pm-problems">
          {t('pm.invalid', { count: problems.size, fields: [...problems.keys()].map((key) => fieldLabel(key, t)).join(', ') })}
        </p>
      )}
      <PeopleNames />
      <div className="pm-grid">
        <form className="form pm-form" onSubmit={(e) => (e.preventDefault(), void saveNow())}>
          <div className="field-row">
            <label className="field">
              <span>{t('pm.status')}</span>
              <select value={form.status} onChange={(e) => set('status', e.target.value as PostmortemForm['status'])} data-testid="pm-status">
                {POSTMORTEM_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`pm.status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field grow">
              <span>{t('pm.authors')}</span>
              <input value={form.authors} onChange={(e) => set('authors', e.target.value)} data-testid="pm-authors" />
            </label>
          </div>
          {text('summary', t('pm.summary'), 3)}
          <Section title={t('pm.impact')}>
            <div className="field-row">
              <label className="field">
                <span>{t('pm.impactStarted')}</span>
                <input type="datetime-local" value={form.impactStarted} onChange={(e) => set('impactStarted', e.target.value)} data-testid="pm-impactStarted" {...invalid('impactStarted')} />
                {errorLine('impactStarted')}
              </label>
              <label className="field">
                <span>{t('pm.impactEnded')}</span>
                <input type="datetime-local" value={form.impactEnded} onChange={(e) => set('impactEnded', e.target.value)} data-testid="pm-impactEnded" {...invalid('impactEnded')} />
                {errorLine('impactEnded')}
              </label>
              <label className="field">
                <span>{t('pm.usersAffected')}</span>
                <input inputMode="numeric" value={form.usersAffected} onChange={(e) => set('usersAffected', e.target.value)} data-testid="pm-usersAffected" {...invalid('usersAffected')} />
                {errorLine('usersAffected')}
                <small className="muted">{t('pm.usersAffectedHint')}</small>
              </label>
            </div>
            <small className="muted">{t('pm.impactPrefilled')}</small>
            <label className="field">
              <span>{t('pm.services')}</span>
              <input value={form.services} onChange={(e) => set('services', e.target.value)} />
            </label>
            {text('impactDescription', t('pm.impactDescription'), 2)}
          </Section>
          <Section title={t('pm.timeline')}>
            <ol className="pm-timeline" data-testid="pm-timeline">
              {view.timeline[language].map((row, i) => (
                <li key={i}>
                  <span className="mono">{fmt.fullDateTime(row.ts)}</span> {row.text}
                </li>
              ))}
            </ol>
          </Section>
          {text('rootCauses', t('pm.rootCauses'), 3, t('pm.listHint'))}
          {text('trigger', t('pm.trigger'), 2)}
          {text('detection', t('pm.detection'), 2)}
          {text('resolution', t('pm.resolution'), 2)}
          {text('wentWell', t('pm.wentWell'), 2, t('pm.listHint'))}
          {text('wentWrong', t('pm.wentWrong'), 2, t('pm.listHint'))}
          {text('gotLucky', t('pm.gotLucky'), 2, t('pm.listHint'))}
          <ActionItemsEditor
            items={form.actionItems}
            overdueIds={overdueItemIds(form.actionItems, Date.now())}
            defaultDueDates={view.defaultDueDates}
            problems={problems}
            onChange={(items) => set('actionItems', items)}
            onAdd={() => set('actionItems', [...form.actionItems, newActionItem('corrective', view.defaultDueDates.corrective, Date.now())])}
          />
        </form>
        <Guidance view={view} />
      </div>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="field pm-section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

/** A problem's field as the form labels it: "영향받은 사용자 수", "후속 조치 2 · 담당자". */
function fieldLabel(key: string, t: ReturnType<typeof useI18n>['t']): string {
  const action = /^action-(\d+)-(title|owner|due)$/.exec(key);
  if (action) {
    const part = { title: 'pm.action.title', owner: 'pm.action.owner', due: 'pm.action.due' } as const;
    return t('pm.actionField', { n: Number(action[1]) + 1, field: t(part[action[2] as 'title' | 'owner' | 'due']) });
  }
  const labels = { usersAffected: 'pm.usersAffected', impactStarted: 'pm.impactStarted', impactEnded: 'pm.impactEnded' } as const;
  return key in labels ? t(labels[key as keyof typeof labels]) : key;
}

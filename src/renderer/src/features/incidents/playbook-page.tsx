// The organisation's playbook: severity definitions in plain words, the stages with their
// teams, checklists and deadlines, and import / export of the file it lives in.
import './incidents.css';
import { useRef, useState } from 'react';
import { PLAYBOOK_FILE_EXTENSION } from '../../../../shared/file-types';
import type { Playbook, SeverityMinutes, TimerDefinition } from '../../../../shared/incidents';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { downloadTextFile, readTextFile } from '../../ui/download';
import { GlossaryButton } from '../../ui/glossary-button';
import { ErrorState, LoadingState } from '../../ui/state-views';
import { inLanguage, roleLabel } from './labels';
import { SeverityBadge } from './severity-badge';
import { errorPayloadOf } from '../../store/errors';

export function PlaybookPage() {
  const { t, fmt } = useI18n();
  const info = useAppStore((s) => s.playbookInfo);
  const status = useAppStore((s) => s.playbookStatus);
  const error = useAppStore((s) => s.playbookError);
  const hostKind = useAppStore((s) => s.hostKind);
  const load = useAppStore((s) => s.loadPlaybook);
  const importPlaybook = useAppStore((s) => s.importPlaybook);
  const exportPlaybook = useAppStore((s) => s.exportPlaybook);
  const fileRef = useRef<HTMLInputElement>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  if (!info) {
    if (status === 'error' && error) return <ErrorState message={describeError(t, error, hostKind)} onRetry={() => void load()} testId="playbook-error" />;
    return <LoadingState text={t('playbook.loading')} testId="playbook-loading" />;
  }

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      await importPlaybook(await readTextFile(file));
      setNotice({ ok: true, text: t('playbook.imported') });
    } catch (err) {
      setNotice({ ok: false, text: t('playbook.importFailed', { message: describeError(t, errorPayloadOf(err)) }) });
    } finally {
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  const onExport = async () => {
    try {
      const file = await exportPlaybook();
      downloadTextFile(file);
      setNotice({ ok: true, text: t('file.saved', { name: file.filename }) });
    } catch (err) {
      setNotice({ ok: false, text: t('file.failed', { message: describeError(t, errorPayloadOf(err)) }) });
    }
  };

  return (
    <section className="playbook-page" data-testid="playbook-page" data-source={info.source} data-version={info.version ?? ''} aria-labelledby="playbook-title">
      <div className="section-head">
        <h1 id="playbook-title">{t('playbook.title')}</h1>
        <div className="head-actions">
          <label className="btn">
            {t('playbook.import')}
            <input ref={fileRef} type="file" accept={`${PLAYBOOK_FILE_EXTENSION},.json,application/json`} className="hidden-input" onChange={(e) => void onFile(e.target.files?.[0])} data-testid="playbook-import" />
          </label>
          <button type="button" className="btn" onClick={() => void onExport()} data-testid="playbook-export">
            {t('playbook.export')}
          </button>
        </div>
      </div>
      <p className="muted" data-testid="playbook-source">
        {info.source === 'default'
          ? t('playbook.source.default')
          : t('playbook.source.organisation', { version: info.version ?? '', who: info.savedBy ?? '', time: info.savedAt ? fmt.dateTime(info.savedAt) : '' })}
      </p>
      <p className="muted small">{t('playbook.editHint')}</p>
      {notice && (
        <p className={notice.ok ? 'notice' : 'inline-error'} role="status" data-testid="playbook-notice">
          {notice.text}
        </p>
      )}
      <PlaybookView playbook={info.playbook} />
    </section>
  );
}

function PlaybookView({ playbook }: { playbook: Playbook }) {
  const { t, language } = useI18n();
  return (
    <>
      <h2 className="list-heading">{t('playbook.severities')}</h2>
      <p className="muted">{inLanguage(playbook.severityGuidance, language)}</p>
      <ul className="severity-list">
        {playbook.severities.map((s) => (
          <li key={s.id} className="panel">
            <SeverityBadge severity={s.id} label={inLanguage(s.name, language)} />
            {s.countsAsDowntime && <span className="tag">{t('playbook.downtime')}</span>}
            <p>{inLanguage(s.definition, language)}</p>
            {s.examples.length > 0 && (
              <ul className="bullets">
                {s.examples.map((e) => (
                  <li key={e.en}>{inLanguage(e, language)}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      <h2 className="list-heading">{t('playbook.stages')}</h2>
      <ol className="playbook-stages">
        {playbook.stages.map((stage) => {
          const name = inLanguage(stage.name, language);
          return (
            <li key={stage.id} className="panel">
              <h3>
                {name}
                {stage.glossaryId && <GlossaryButton glossaryId={stage.glossaryId} term={name} />}
              </h3>
              <p>{inLanguage(stage.goal, language)}</p>
              <p className="muted">
                {inLanguage(stage.responsible.team, language)} · {stage.responsible.roles.map((r) => roleLabel(t, r)).join(', ')}
              </p>
              <ul className="bullets">
                {stage.checklist.map((item) => (
                  <li key={item.id}>
                    {inLanguage(item.text, language)} {item.required && <span className="tag tag-required">{t('checklist.required')}</span>}
                  </li>
                ))}
              </ul>
              {stage.timers.length > 0 && (
                <p className="small">
                  <strong>{t('playbook.timers')}:</strong> {stage.timers.map((timer) => `${inLanguage(timer.label, language)} (${timerText(timer, t)})`).join(' · ')}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

function timerText(timer: TimerDefinition, t: ReturnType<typeof useI18n>['t']): string {
  const minutes: SeverityMinutes = timer.kind === 'status-update' ? timer.everyMinutes : timer.withinMinutes;
  const key = timer.kind === 'status-update' ? 'playbook.every' : 'playbook.within';
  return (['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const).map((sev) => `${sev} ${minutes[sev] === null ? t('playbook.noTimer') : t(key, { minutes: minutes[sev]! })}`).join(', ');
}

// The message composer: the playbook's notices filled from the incident, in Korean or English.
// Every value a notice needs can be filled right here (the stage's shared fields, the impact,
// the roles, the next update time), the preview marks what is still missing instead of showing
// raw {{name}} markers, and a complete notice is copied with one click (or selected for Ctrl+C
// where the clipboard is refused) and can be recorded as posted, which restarts the update clock.
import { useEffect, useRef, useState } from 'react';
import type { ErrorPayload } from '../../../../shared/errors';
import { INCIDENT_LANGS, type Incident, type IncidentLang, type Playbook } from '../../../../shared/incidents';
import type { ComposedMessageView } from '../../../../shared/incidents-contract';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { copyText } from '../../ui/copy-text';
import { selectAndCopy } from '../../ui/select-copy';
import { ComposerFields } from './composer-fields';
import { defaultTemplateId, placeholderLabel } from './composer-model';
import { inLanguage } from './labels';

type CopyState = 'idle' | 'copied' | 'select';

export function Composer({ incident, playbook }: { incident: Incident; playbook: Playbook }) {
  const { t, language } = useI18n();
  const compose = useAppStore((s) => s.composeIncidentMessage);
  const run = useAppStore((s) => s.runIncidentCommand);
  const pending = useAppStore((s) => s.room.pending);
  const [templateId, setTemplateId] = useState(() => defaultTemplateId(incident, playbook));
  const [lang, setLang] = useState<IncidentLang>(language);
  const [update, setUpdate] = useState('');
  const [nextUpdateAt, setNextUpdateAt] = useState<number | null>(null);
  const [message, setMessage] = useState<ComposedMessageView | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [copyState, setCopyState] = useState<CopyState>('idle');
  const [sent, setSent] = useState<string | null>(null);
  const previewRef = useRef<HTMLTextAreaElement>(null);
  const template = playbook.templates.find((tpl) => tpl.id === templateId);
  const usesUpdate = template ? /\{\{\s*update\s*\}\}/.test(template.body.ko + template.body.en) : false;

  // Refilled when the template, language, typed values or the incident change (debounced for typing).
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      compose({ id: incident.id, templateId, lang, update: usesUpdate && update.trim() ? update : undefined, ...(nextUpdateAt !== null ? { nextUpdateAt } : {}) }).then(
        (m) => live && (setMessage(m), setError(null)),
        (err: ErrorPayload) => live && setError(err),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [compose, incident.id, incident.revision, templateId, lang, update, usesUpdate, nextUpdateAt]);

  useEffect(() => setCopyState('idle'), [message?.text]);
  // A new stage (or recovery) calls for its own notice: offer it, as when the room opened.
  const moment = `${incident.stageIndex}-${incident.status}`;
  const [shownMoment, setShownMoment] = useState(moment);
  if (moment !== shownMoment) {
    setShownMoment(moment);
    setTemplateId(defaultTemplateId(incident, playbook));
    setSent(null);
  }
  const shown = message && message.templateId === templateId && message.lang === lang ? message : null;

  const onCopy = async () => {
    if (!shown?.complete) return;
    if ((await copyText(shown.text)) === 'copied') return setCopyState('copied');
    // Clipboard refused (no permission, not a secure context): select the text for Ctrl+C.
    const field = previewRef.current;
    if (field) selectAndCopy(field);
    setCopyState('select');
  };

  const markSent = async () => {
    if (!shown?.complete) return;
    const ok = await run({ type: 'postUpdate', audience: shown.audience, message: shown.text });
    if (ok) setSent(t(shown.audience === 'customer' ? 'composer.sentCustomer' : 'composer.sentInternal'));
  };

  const audiences = (['internal', 'customer'] as const).filter((a) => playbook.templates.some((tpl) => tpl.audience === a));
  return (
    <section className="panel composer" aria-labelledby="composer-title" data-testid="composer">
      <h2 id="composer-title">{t('composer.title')}</h2>
      <div className="template-groups" role="tablist" aria-label={t('composer.template')}>
        {audiences.map((audience) => (
          <div key={audience} className={`template-group template-group-${audience}`} role="none">
            <span className="template-group-label" aria-hidden="true">
              {t(`composer.audience.${audience}`)}
            </span>
            {playbook.templates
              .filter((tpl) => tpl.audience === audience)
              .map((tpl) => (
                <button
                  key={tpl.id}
                  type="button"
                  role="tab"
                  aria-selected={tpl.id === templateId}
                  className="tab"
                  onClick={() => (setTemplateId(tpl.id), setSent(null))}
                  data-testid={`template-${tpl.id}`}
                  data-audience={tpl.audience}
                >
                  {inLanguage(tpl.name, language)}
                </button>
              ))}
          </div>
        ))}
      </div>
      <div className="tabs tabs-small" role="tablist" aria-label={t('composer.language')}>
        {INCIDENT_LANGS.map((l) => (
          <button key={l} type="button" role="tab" aria-selected={l === lang} className="tab" onClick={() => setLang(l)} data-testid={`compose-lang-${l}`} lang={l}>
            {t(`lang.name.${l}`)}
          </button>
        ))}
      </div>
      {shown && (
        <ComposerFields
          incident={incident}
          playbook={playbook}
          message={shown}
          update={usesUpdate ? { value: update, set: setUpdate } : null}
          nextUpdateAt={{ value: nextUpdateAt, set: setNextUpdateAt }}
        />
      )}
      <div className="field">
        <span id="preview-label">{t('composer.preview')}</span>
        {shown?.complete ? (
          <textarea ref={previewRef} className="preview mono-ish" readOnly rows={10} value={shown.text} lang={lang} aria-labelledby="preview-label" data-testid="compose-preview" data-template={shown.templateId} data-lang={shown.lang} data-complete="true" />
        ) : (
          <div className="preview preview-draft" lang={lang} aria-labelledby="preview-label" data-testid="compose-preview" data-template={shown?.templateId ?? ''} data-lang={shown?.lang ?? ''} data-complete="false">
            {shown
              ? shown.segments.map((seg, i) =>
                  seg.kind === 'text' ? (
                    <span key={i}>{seg.text}</span>
                  ) : (
                    <mark key={i} className="preview-gap" data-gap={seg.name}>
                      {t('composer.gap', { field: placeholderLabel(seg.name, playbook, t, language) })}
                    </mark>
                  ),
                )
              : t('composer.loading')}
          </div>
        )}
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {describeError(t, error)}
        </p>
      )}
      {shown && <Warnings message={shown} playbook={playbook} />}
      {copyState === 'select' && (
        <p className="notice notice-warn" role="status" data-testid="copy-fallback">
          {t('composer.copyFallback')}
        </p>
      )}
      <div className="composer-actions">
        <button type="button" className="btn btn-primary" disabled={!shown?.complete} onClick={() => void onCopy()} data-testid="compose-copy" data-copy-state={copyState}>
          {copyState === 'copied' ? `✓ ${t('composer.copied')}` : t('composer.copy')}
        </button>
        {incident.status !== 'closed' && (
          <button type="button" className="btn" disabled={!shown?.complete || pending} onClick={() => void markSent()} data-testid="compose-mark-sent">
            {t('composer.markSent')}
          </button>
        )}
        {sent && (
          <span className="muted" role="status" data-testid="compose-sent">
            {sent}
          </span>
        )}
      </div>
    </section>
  );
}

function Warnings({ message, playbook }: { message: ComposedMessageView; playbook: Playbook }) {
  const { t, language } = useI18n();
  const missing = [...message.missing, ...message.unknown].map((name) => placeholderLabel(name, playbook, t, language));
  return (
    <ul className="composer-warnings" data-testid="compose-warnings">
      {missing.length > 0 && <li className="warn">▲ {t('composer.missing', { fields: missing.join(', ') })}</li>}
      {message.promises.length > 0 && (
        <li className="warn" data-testid="compose-promise">
          ▲ {t('composer.promise', { phrases: message.promises.map((p) => `"${p}"`).join(', ') })}
        </li>
      )}
      {message.errors.length > 0 && <li className="warn">▲ {t('composer.templateBroken', { count: message.errors.length })}</li>}
      {message.complete && message.promises.length === 0 && <li className="ok">● {t('composer.ready')}</li>}
    </ul>
  );
}

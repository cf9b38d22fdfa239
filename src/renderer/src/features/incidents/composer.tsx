// The message composer: the playbook's notices filled from the incident, in Korean or English.
// It says what is still missing and flags promised repair times; a complete notice is copied
// with one click (or selected for Ctrl+C where the clipboard is refused) and can be recorded
// as posted, which restarts the update clock.
import { describeError } from '../../i18n/describe';
import { useEffect, useRef, useState } from 'react';
import type { ErrorPayload } from '../../../../shared/errors';
import { INCIDENT_LANGS, type Incident, type IncidentLang, type Playbook } from '../../../../shared/incidents';
import type { ComposedMessageView } from '../../../../shared/incidents-contract';
import type { Translate } from '../../i18n/catalogue';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { copyText } from '../../ui/copy-text';
import { selectAndCopy } from '../../ui/select-copy';
import { inLanguage, roleLabel } from './labels';

type CopyState = 'idle' | 'copied' | 'select';

export function Composer({ incident, playbook }: { incident: Incident; playbook: Playbook }) {
  const { t, language } = useI18n();
  const compose = useAppStore((s) => s.composeIncidentMessage);
  const run = useAppStore((s) => s.runIncidentCommand);
  const pending = useAppStore((s) => s.room.pending);
  // After recovery the notice people need is the final one; before it, the first in the playbook.
  const [templateId, setTemplateId] = useState(() => (incident.status === 'active' ? playbook.templates[0] : (playbook.templates.find((tpl) => tpl.final) ?? playbook.templates[0]))?.id ?? '');
  const [lang, setLang] = useState<IncidentLang>(language);
  const [update, setUpdate] = useState('');
  const [message, setMessage] = useState<ComposedMessageView | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [copyState, setCopyState] = useState<CopyState>('idle');
  const [sent, setSent] = useState<string | null>(null);
  const previewRef = useRef<HTMLTextAreaElement>(null);
  const template = playbook.templates.find((tpl) => tpl.id === templateId);
  const usesUpdate = template ? /\{\{\s*update\s*\}\}/.test(template.body.ko + template.body.en) : false;

  // Refilled when the template, language, update text or the incident changes (debounced for typing).
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      compose({ id: incident.id, templateId, lang, update: usesUpdate && update.trim() ? update : undefined }).then(
        (m) => live && (setMessage(m), setError(null)),
        (err: ErrorPayload) => live && setError(err),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [compose, incident.id, incident.revision, templateId, lang, update, usesUpdate]);

  useEffect(() => setCopyState('idle'), [message?.text]);

  const onCopy = async () => {
    if (!message) return;
    if ((await copyText(message.text)) === 'copied') return setCopyState('copied');
    // Clipboard refused (no permission, not a secure context): select the text for Ctrl+C.
    const field = previewRef.current;
    if (field) selectAndCopy(field);
    setCopyState('select');
  };

  const markSent = async () => {
    if (!message) return;
    const ok = await run({ type: 'postUpdate', audience: message.audience, message: message.text });
    if (ok) setSent(t(message.audience === 'customer' ? 'composer.sentCustomer' : 'composer.sentInternal'));
  };

  return (
    <section className="panel composer" aria-labelledby="composer-title" data-testid="composer">
      <h2 id="composer-title">{t('composer.title')}</h2>
      <div className="tabs" role="tablist" aria-label={t('composer.template')}>
        {playbook.templates.map((tpl) => (
          <button key={tpl.id} type="button" role="tab" aria-selected={tpl.id === templateId} className="tab" onClick={() => (setTemplateId(tpl.id), setSent(null))} data-testid={`template-${tpl.id}`}>
            <span className="tag">{t(`composer.audience.${tpl.audience}`)}</span> {inLanguage(tpl.name, language)}
          </button>
        ))}
      </div>
      <div className="tabs tabs-small" role="tablist" aria-label={t('composer.language')}>
        {INCIDENT_LANGS.map((l) => (
          <button key={l} type="button" role="tab" aria-selected={l === lang} className="tab" onClick={() => setLang(l)} data-testid={`compose-lang-${l}`} lang={l}>
            {t(`lang.name.${l}`)}
          </button>
        ))}
      </div>
      {usesUpdate && (
        <label className="field">
          <span>{t('composer.update')}</span>
          <textarea rows={2} value={update} onChange={(e) => setUpdate(e.target.value)} data-testid="compose-update" />
          <small className="muted">{t('composer.updateHint')}</small>
        </label>
      )}
      <label className="field">
        <span>{t('composer.preview')}</span>
        <textarea ref={previewRef} className="preview mono-ish" readOnly rows={10} value={message?.text ?? t('composer.loading')} lang={lang} data-testid="compose-preview" data-template={message?.templateId ?? ''} data-lang={message?.lang ?? ''} data-complete={message?.complete ?? false} />
      </label>
      {error && <p className="inline-error" role="alert">{describeError(t, error)}</p>}
      {message && <Warnings message={message} playbook={playbook} />}
      {copyState === 'select' && (
        <p className="notice notice-warn" role="status" data-testid="copy-fallback">
          {t('composer.copyFallback')}
        </p>
      )}
      <div className="composer-actions">
        <button type="button" className="btn btn-primary" disabled={!message?.complete} onClick={() => void onCopy()} data-testid="compose-copy" data-copy-state={copyState}>
          {copyState === 'copied' ? `✓ ${t('composer.copied')}` : t('composer.copy')}
        </button>
        {incident.status !== 'closed' && (
          <button type="button" className="btn" disabled={!message?.complete || pending} onClick={() => void markSent()} data-testid="compose-mark-sent">
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
      {message.errors.map((e) => (
        <li key={e} className="warn">
          ▲ {e}
        </li>
      ))}
      {message.complete && message.promises.length === 0 && <li className="ok">● {t('composer.ready')}</li>}
    </ul>
  );
}

/** A placeholder's name as the room shows it: the playbook's label, a role, or a record field. */
function placeholderLabel(name: string, playbook: Playbook, t: Translate, language: IncidentLang): string {
  for (const stage of playbook.stages) {
    const field = stage.share.find((f) => f.id === name);
    if (field) return inLanguage(field.label, language);
  }
  if (name === 'commander' || name === 'communications' || name === 'scribe') return roleLabel(t, name);
  if (name === 'services') return t('details.services');
  if (name === 'impact') return t('details.impact');
  if (name === 'workaround') return t('details.workaround');
  if (name === 'update') return t('composer.update');
  return name;
}

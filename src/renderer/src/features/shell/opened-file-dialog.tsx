// A playbook or glossary file the OS asked the desktop app to open: say what importing it does,
// import only when the person says so, then show the screen it changed.
import { useState } from 'react';
import type { OpenedFile } from '../../../../shared/desktop-shell';
import type { GlossaryImportResult } from '../../../../shared/glossary-contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { Dialog } from '../../ui/dialog';
import { describeError } from '../../i18n/describe';

type Step = { kind: 'ask' } | { kind: 'busy' } | { kind: 'done'; text: string } | { kind: 'failed'; text: string };

export function OpenedFileDialog() {
  const file = useAppStore((s) => s.openedFile);
  if (!file) return null;
  // A new file starts over: the key gives it a fresh dialog.
  return <OpenedFileSteps key={`${file.kind}:${file.name}:${file.content.length}`} file={file} />;
}

function OpenedFileSteps({ file }: { file: OpenedFile }) {
  const { t } = useI18n();
  const dismiss = useAppStore((s) => s.dismissOpenedFile);
  const navigate = useAppStore((s) => s.navigate);
  const importPlaybook = useAppStore((s) => s.importPlaybook);
  const importGlossary = useAppStore((s) => s.importGlossary);
  const [step, setStep] = useState<Step>(() => {
    if (file.error === 'TOO_LARGE') return { kind: 'failed', text: t('openedFile.tooLarge', { file: file.name }) };
    if (file.error === 'UNREADABLE') return { kind: 'failed', text: t('openedFile.unreadable', { file: file.name }) };
    return { kind: 'ask' };
  });

  const run = async () => {
    setStep({ kind: 'busy' });
    try {
      if (file.kind === 'playbook') {
        await importPlaybook(file.content);
        setStep({ kind: 'done', text: t('openedFile.playbookDone') });
        navigate({ name: 'playbook' });
      } else {
        const result: GlossaryImportResult = await importGlossary({ format: 'json', content: file.content });
        setStep({
          kind: 'done',
          text: t('glossary.exchange.result', { added: result.added, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected.length }),
        });
        navigate({ name: 'glossary', entryId: null });
      }
    } catch (err) {
      const error = err as { code?: string; data?: Record<string, string | number> };
      const message = describeError(t, { code: error.code ?? 'INTERNAL', ...(error.data ? { data: error.data } : {}) });
      setStep({ kind: 'failed', text: t('openedFile.failed', { message }) });
    }
  };

  return (
    <Dialog title={t(`openedFile.title.${file.kind}`)} onClose={dismiss} testId="opened-file-dialog">
      {step.kind === 'ask' && <p>{t(`openedFile.ask.${file.kind}`, { file: file.name })}</p>}
      {step.kind === 'busy' && <p role="status">{t('openedFile.busy')}</p>}
      {step.kind === 'done' && (
        <p role="status" data-testid="opened-file-result">
          {step.text}
        </p>
      )}
      {step.kind === 'failed' && (
        <p className="inline-error" role="alert" data-testid="opened-file-error">
          {step.text}
        </p>
      )}
      <div className="button-row">
        {step.kind === 'ask' ? (
          <>
            <button type="button" className="btn btn-primary" onClick={() => void run()} data-testid="opened-file-import">
              {t('openedFile.import')}
            </button>
            <button type="button" className="btn" onClick={dismiss}>
              {t('openedFile.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="btn" onClick={dismiss} disabled={step.kind === 'busy'} data-testid="opened-file-close">
            {t('openedFile.close')}
          </button>
        )}
      </div>
    </Dialog>
  );
}

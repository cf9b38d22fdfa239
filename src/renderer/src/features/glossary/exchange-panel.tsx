// Export the glossary as JSON or CSV (a Blob download) and import a file another team sent,
// with a summary of what was added, updated and left out.
import { useId, useState, type ChangeEvent } from 'react';
import { GLOSSARY_FILE_EXTENSION } from '../../../../shared/file-types';
import { GLOSSARY_IMPORT_MAX_BYTES, type GlossaryExchangeFormat, type GlossaryExportScope, type GlossaryImportResult } from '../../../../shared/glossary-contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { downloadFile, formatOfFile } from './download';
import { describeError } from '../../i18n/describe';
import { errorPayloadOf } from '../../store/errors';

type ImportState =
  | { kind: 'idle' }
  | { kind: 'busy'; file: string }
  | { kind: 'done'; file: string; result: GlossaryImportResult }
  | { kind: 'failed'; text: string };

export function ExchangePanel() {
  const { t, fmt } = useI18n();
  const exportGlossary = useAppStore((s) => s.exportGlossary);
  const importGlossary = useAppStore((s) => s.importGlossary);
  const [scope, setScope] = useState<GlossaryExportScope>('org');
  const [exportNote, setExportNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const fileId = useId();
  const max = fmt.bytes(GLOSSARY_IMPORT_MAX_BYTES);

  const runExport = async (format: GlossaryExchangeFormat) => {
    try {
      const file = await exportGlossary({ format, scope });
      downloadFile(file);
      setExportNote({ ok: true, text: t('glossary.exchange.exported', { filename: file.filename }) });
    } catch (err) {
      setExportNote({ ok: false, text: t('glossary.exchange.exportFailed', { message: describeError(t, errorPayloadOf(err)) }) });
    }
  };

  const runImport = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again must import again
    if (!file) return;
    const format = formatOfFile(file.name);
    if (format === null) return setState({ kind: 'failed', text: t('glossary.exchange.badType', { file: file.name }) });
    if (file.size > GLOSSARY_IMPORT_MAX_BYTES) {
      return setState({ kind: 'failed', text: t('glossary.exchange.tooLarge', { file: file.name, size: fmt.bytes(file.size), max }) });
    }
    setState({ kind: 'busy', file: file.name });
    try {
      const result = await importGlossary({ format, content: await file.text() });
      setState({ kind: 'done', file: file.name, result });
    } catch (err) {
      setState({ kind: 'failed', text: t('glossary.exchange.failed', { file: file.name, message: describeError(t, errorPayloadOf(err)) }) });
    }
  };

  return (
    <section className="exchange-panel" data-testid="glossary-exchange" aria-labelledby="exchange-title">
      <h1 id="exchange-title">{t('glossary.exchange.title')}</h1>
      <p className="muted">{t('glossary.exchange.intro')}</p>

      <fieldset className="exchange-block">
        <legend>{t('glossary.exchange.scope')}</legend>
        {(['org', 'all'] as const).map((s) => (
          <label key={s} className="checkbox">
            <input type="radio" name="export-scope" value={s} checked={scope === s} onChange={() => setScope(s)} data-testid={`export-scope-${s}`} />
            {t(`glossary.exchange.scope.${s}`)}
          </label>
        ))}
        <div className="button-row">
          <button type="button" className="btn" onClick={() => void runExport('json')} data-testid="export-json">
            {t('glossary.exchange.exportJson')}
          </button>
          <button type="button" className="btn" onClick={() => void runExport('csv')} data-testid="export-csv">
            {t('glossary.exchange.exportCsv')}
          </button>
        </div>
        {exportNote && (
          <p className={exportNote.ok ? 'muted' : 'inline-error'} role="status" data-testid="export-note">
            {exportNote.text}
          </p>
        )}
      </fieldset>

      <div className="exchange-block">
        <p className="file-label">{t('glossary.exchange.import')}</p>
        {/* The browser's own file button speaks the browser's language; this label speaks ours. */}
        <input
          id={fileId}
          className="visually-hidden file-input"
          type="file"
          accept={`${GLOSSARY_FILE_EXTENSION},.json,.csv,application/json,text/csv`}
          onChange={(e) => void runImport(e)}
          data-testid="import-file"
          aria-describedby={`${fileId}-hint`}
        />
        <label htmlFor={fileId} className="btn file-picker">
          {t('glossary.exchange.chooseFile')}
        </label>
        <p className="field-hint" id={`${fileId}-hint`}>
          {t('glossary.exchange.importHint', { max })}
        </p>
        <div role="status" aria-live="polite">
          {state.kind === 'busy' && <p>{t('glossary.exchange.importing', { file: state.file })}</p>}
        </div>
        {state.kind === 'failed' && (
          <p className="inline-error" role="alert" data-testid="import-error">
            {state.text}
          </p>
        )}
        {state.kind === 'done' && <ImportSummary file={state.file} result={state.result} />}
      </div>
    </section>
  );
}

function ImportSummary({ file, result }: { file: string; result: GlossaryImportResult }) {
  const { t } = useI18n();
  const { added, updated, unchanged, rejected } = result;
  return (
    <div className="import-summary" role="status" data-testid="import-summary" data-added={added} data-updated={updated} data-rejected={rejected.length}>
      <h2>{t('glossary.exchange.resultTitle', { file })}</h2>
      <p className="import-counts">{t('glossary.exchange.result', { added, updated, unchanged, rejected: rejected.length })}</p>
      {rejected.length > 0 && (
        <>
          <h3>{t('glossary.exchange.rejectedTitle')}</h3>
          <ul className="rejected-list">
            {rejected.slice(0, 100).map((r, i) => (
              <li key={i}>
                <strong>{t('glossary.exchange.row', { row: r.row })}</strong>
                {r.id && <code>{r.id}</code>} {t(`glossary.exchange.code.${r.code}`)}
                {r.field && <span className="muted"> · {t('glossary.exchange.field')} <code>{r.field}</code></span>}
              </li>
            ))}
            {rejected.length > 100 && <li>…</li>}
          </ul>
        </>
      )}
    </div>
  );
}

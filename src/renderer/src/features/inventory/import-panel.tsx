// Import from ~/.ssh/config: read (the file, or pasted text), preview every Host with what
// would be saved, pick rows, save. Nothing is stored before "save".
import { useState } from 'react';
import type { ErrorPayload } from '../../../../shared/errors';
import type { SshConfigImportResult, SshConfigPreview, SshConfigPreviewRow, SshImportRemark } from '../../../../shared/inventory-contract';
import type { Translate } from '../../i18n/catalogue';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { Dialog } from '../../ui/dialog';
import { describeError } from '../../i18n/describe';

/** A preview remark in the UI language, from its code and data. */
function remarkText(t: Translate, r: SshImportRemark): string {
  return t(`import.remark.${r.code}`, r.data);
}

const entryOf = ({ alias, address, port, user, keyPath, jumpHost }: SshConfigPreviewRow) => ({ alias, address, port, user, keyPath, jumpHost });

export function ImportPanel({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const preview = useAppStore((s) => s.previewSshConfigImport);
  const apply = useAppStore((s) => s.applySshConfigImport);
  const [text, setText] = useState('');
  const [result, setResult] = useState<SshConfigPreview | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<SshConfigImportResult | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);

  const read = async (fromText: boolean) => {
    setError(null);
    setDone(null);
    try {
      const r = await preview(fromText ? text : undefined);
      setResult(r);
      setSelected(new Set(r.rows.filter((row) => row.status === 'new').map((row) => row.alias)));
    } catch (err) {
      setError(err as ErrorPayload);
    }
  };
  const save = async () => {
    if (!result) return;
    setError(null);
    try {
      setDone(await apply(result.rows.filter((r) => selected.has(r.alias)).map(entryOf)));
      setResult(null);
    } catch (err) {
      setError(err as ErrorPayload);
    }
  };
  const toggle = (alias: string, on: boolean) => setSelected((s) => new Set([...s].filter((a) => a !== alias).concat(on ? [alias] : [])));

  return (
    <Dialog title={t('import.title')} onClose={onClose} testId="import-panel" wide>
      <p>{t('import.intro')}</p>
      <label className="field">
        <span>{t('import.textLabel')}</span>
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} spellCheck={false} className="inv-mono" data-testid="import-text" />
      </label>
      <div className="button-row">
        <button type="button" className="btn" onClick={() => void read(false)} data-testid="import-read-file">
          {t('import.readFile')}
        </button>
        <button type="button" className="btn" onClick={() => void read(true)} disabled={text.trim() === ''} data-testid="import-read-text">
          {t('import.readText')}
        </button>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {describeError(t, error)}
        </p>
      )}
      {done && (
        <p className="inv-ok" role="status" data-testid="import-done">
          ✓ {t('import.done', { added: done.added.length, skipped: done.skipped.length })}
        </p>
      )}
      {result && (
        <>
          <p className="inv-muted">{t('import.source', { source: result.source })}</p>
          {result.warnings.length > 0 && (
            <div className="inv-warnings">
              <strong>{t('import.warnings')}</strong>
              <ul>
                {result.warnings.map((w, i) => (
                  <li key={i}>{remarkText(t, w)}</li>
                ))}
              </ul>
            </div>
          )}
          {result.rows.length === 0 ? (
            <p>{t('import.none')}</p>
          ) : (
            <div className="inv-table-wrap">
              <table className="inv-table" data-testid="import-preview">
                <thead>
                  <tr>
                    <th scope="col" aria-label={t('import.col.alias')} />
                    <th scope="col">{t('import.col.alias')}</th>
                    <th scope="col">{t('import.col.address')}</th>
                    <th scope="col">{t('import.col.user')}</th>
                    <th scope="col">{t('import.col.key')}</th>
                    <th scope="col">{t('import.col.status')}</th>
                    <th scope="col">{t('import.col.notes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((r) => (
                    <tr key={r.alias} data-testid={`import-row-${r.alias}`}>
                      <td>
                        <input type="checkbox" checked={selected.has(r.alias)} disabled={r.status === 'exists'} onChange={(e) => toggle(r.alias, e.target.checked)} aria-label={t('import.selectRow', { alias: r.alias })} />
                      </td>
                      <th scope="row">{r.alias}</th>
                      <td className="inv-mono">
                        {r.address}:{r.port}
                      </td>
                      <td>{r.user}</td>
                      <td className="inv-mono">{r.keyPath ?? '—'}</td>
                      <td>{t(`import.status.${r.status}`)}</td>
                      <td className="inv-muted">{r.notes.map((n) => remarkText(t, n)).join(' ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('hostForm.cancel')}
        </button>
        {result && result.rows.length > 0 && (
          <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={selected.size === 0} data-testid="import-apply">
            {t('import.apply', { count: selected.size })}
          </button>
        )}
      </div>
    </Dialog>
  );
}

import './glossary.css';
import './glossary-entry.css';
import './glossary-forms.css';
import './glossary-print.css';
import { useEffect, useMemo, useState } from 'react';
import type { GlossaryRecord } from '../../../../shared/glossary-contract';
import { createGlossaryIndex } from '../../../../shared/glossary-search';
import { glossaryListView, type GlossaryFilter } from '../../domain/glossary-view';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { EmptyState, ErrorState, LoadingState } from '../../ui/state-views';
import { ExchangePanel } from './exchange-panel';
import { GlossaryBrowser } from './glossary-browser';
import { GlossaryEntryPage } from './glossary-entry-page';
import { OrgTermForm } from './org-term-form';
import { PrintSheet } from './print-sheet';

type Panel = { kind: 'entry' } | { kind: 'form'; base: GlossaryRecord | null } | { kind: 'exchange' };

/** #/glossary and #/glossary/<id>: search and index on the left, the entry or a form on the right. */
export function GlossaryScreen() {
  const { t, language } = useI18n();
  const entryId = useAppStore((s) => (s.route.name === 'glossary' ? s.route.entryId : null));
  const status = useAppStore((s) => s.glossary.status);
  const error = useAppStore((s) => s.glossary.error);
  const records = useAppStore((s) => s.glossary.records);
  const hostKind = useAppStore((s) => s.hostKind);
  const reload = useAppStore((s) => s.loadGlossary);
  const navigate = useAppStore((s) => s.navigate);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<GlossaryFilter>('all');
  const [panel, setPanel] = useState<Panel>({ kind: 'entry' });
  const [notice, setNotice] = useState<string | null>(null);
  const [printingList, setPrintingList] = useState(false);
  const index = useMemo(() => createGlossaryIndex(records.map((r) => r.entry)), [records]);
  const record = entryId === null ? undefined : records.find((r) => r.entry.id === entryId);

  // A link to another entry always shows that entry, whatever panel was open.
  useEffect(() => {
    setPanel({ kind: 'entry' });
  }, [entryId]);

  // A new entry or form starts at its top, even when the last one was scrolled far down (the
  // list beside it is sticky, so it stays where it was).
  useEffect(() => {
    if (window.scrollY > 0) window.scrollTo({ top: 0 });
  }, [entryId, panel]);

  useEffect(() => {
    if (!printingList) return;
    const done = () => setPrintingList(false);
    window.addEventListener('afterprint', done);
    const frame = requestAnimationFrame(() => window.print());
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('afterprint', done);
    };
  }, [printingList]);

  if (records.length === 0) {
    if (status === 'error' && error) return <ErrorState message={describeError(t, error, hostKind)} onRetry={() => void reload()} testId="glossary-error" />;
    return <LoadingState text={t('glossary.loading')} testId="glossary-loading" />;
  }

  const print = () => (panel.kind === 'entry' && record ? window.print() : setPrintingList(true));
  const show = (next: Panel) => {
    setNotice(null);
    setPanel(next);
  };

  let detail;
  if (panel.kind === 'form') {
    detail = (
      <OrgTermForm
        key={panel.base?.entry.id ?? 'new'}
        base={panel.base}
        onCancel={() => show({ kind: 'entry' })}
        onSaved={(saved) => {
          setPanel({ kind: 'entry' });
          setNotice(t('glossary.done.saved', { term: saved.entry.term[language] }));
          navigate({ name: 'glossary', entryId: saved.entry.id });
        }}
      />
    );
  } else if (panel.kind === 'exchange') {
    detail = <ExchangePanel />;
  } else if (record) {
    detail = <GlossaryEntryPage record={record} onEdit={() => show({ kind: 'form', base: record })} onPrint={print} onNotice={setNotice} />;
  } else if (entryId !== null) {
    detail = <EmptyState title={t('glossary.notFound.title', { id: entryId })} hint={t('glossary.notFound.hint')} testId="glossary-not-found" />;
  } else {
    detail = <EmptyState title={t('glossary.welcome.title')} hint={t('glossary.welcome.hint')} testId="glossary-welcome" />;
  }

  const printed = printingList ? glossaryListView(records, index, query, filter, language).items.flatMap((it) => (it.kind === 'entry' ? [it.record] : [])) : [];

  return (
    <div className="glossary-screen" data-testid="glossary-screen" data-printing={printingList ? 'list' : panel.kind === 'entry' && record ? 'entry' : undefined}>
      <div className="section-head glossary-head print-hidden">
        <div>
          <h1>{t('glossary.title')}</h1>
          <p className="muted glossary-intro">{t('glossary.intro')}</p>
        </div>
        <div className="button-row">
          <button type="button" className="btn btn-primary" onClick={() => show({ kind: 'form', base: null })} data-testid="glossary-add">
            + {t('glossary.action.add')}
          </button>
          <button type="button" className="btn" aria-pressed={panel.kind === 'exchange'} onClick={() => show(panel.kind === 'exchange' ? { kind: 'entry' } : { kind: 'exchange' })} data-testid="glossary-exchange-open">
            {t('glossary.action.exchange')}
          </button>
          <button type="button" className="btn" onClick={print} data-testid="glossary-print">
            {t('glossary.action.print')}
          </button>
        </div>
      </div>
      <div role="status" aria-live="polite" className="print-hidden">
        {notice && (
          <p className="notice notice-ok" data-testid="glossary-notice">
            {notice}
          </p>
        )}
      </div>
      {error && status === 'ready' && (
        <p className="inline-error print-hidden" role="alert">
          {t('glossary.refreshError', { message: describeError(t, error, hostKind) })}
        </p>
      )}
      <div className="glossary-layout">
        <GlossaryBrowser records={records} index={index} query={query} onQuery={setQuery} filter={filter} onFilter={setFilter} selectedId={entryId} onAdd={() => show({ kind: 'form', base: null })} />
        <div className="glossary-detail panel">
          {detail}
        </div>
      </div>
      {printingList && <PrintSheet records={printed} />}
    </div>
  );
}

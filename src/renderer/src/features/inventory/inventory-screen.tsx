// #/inventory: the servers and services OpsDeck watches, where secrets are kept, and the ways
// in (add by hand, import from ~/.ssh/config).
import './inventory.css';
import { useState } from 'react';
import { describeError } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { EmptyState, ErrorState, LoadingState } from '../../ui/state-views';
import { ChecksPanel } from '../checks/checks-panel';
import { HostForm } from './host-form';
import { draftFromHost, type HostDraft } from './host-form-model';
import { HostList } from './host-list';
import { ImportPanel } from './import-panel';
import { ServicesEditor } from './services-editor';

export function InventoryScreen() {
  const { t } = useI18n();
  const inventory = useAppStore((s) => s.inventory);
  const status = useAppStore((s) => s.inventoryStatus);
  const error = useAppStore((s) => s.inventoryError);
  const hostKind = useAppStore((s) => s.hostKind);
  const reload = useAppStore((s) => s.loadInventory);
  const [form, setForm] = useState<{ draft: HostDraft | null } | null>(null);
  const [importing, setImporting] = useState(false);

  if (!inventory) {
    if (status === 'error' && error) return <ErrorState message={describeError(t, error, hostKind)} onRetry={() => void reload()} testId="inventory-error" />;
    return <LoadingState text={t('inventory.loading')} testId="inventory-loading" />;
  }
  const { hosts, services, secretStorage } = inventory;
  return (
    <section className="inventory" data-testid="inventory" aria-labelledby="inventory-title">
      <div className="section-head">
        <h1 id="inventory-title">{t('inventory.title')}</h1>
        <div className="button-row">
          <button type="button" className="btn" onClick={() => setImporting(true)} data-testid="inventory-import">
            {t('inventory.import')}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => setForm({ draft: null })} data-testid="inventory-add">
            {t('inventory.addHost')}
          </button>
        </div>
      </div>
      <p className="inv-muted">{t('inventory.intro')}</p>
      <p className={`inv-secrets inv-secrets-${secretStorage.backend}`} data-testid="secret-storage" data-backend={secretStorage.backend}>
        <span aria-hidden="true">{secretStorage.backend === 'keychain' || secretStorage.backend === 'sealed-file' ? '🔒 ' : '⚠ '}</span>
        {t(`inventory.secrets.${secretStorage.backend}`)}
      </p>
      {hosts.length === 0 ? (
        <EmptyState title={t('inventory.emptyTitle')} hint={t('inventory.emptyHint')} testId="inventory-empty" />
      ) : (
        <HostList hosts={hosts} onEdit={(h) => setForm({ draft: draftFromHost(h) })} />
      )}
      <ServicesEditor services={services} hosts={hosts} />
      <ChecksPanel category="database" />
      <ChecksPanel category="endpoint" />
      <ChecksPanel category="source" />
      {form && <HostForm initial={form.draft} onClose={() => setForm(null)} />}
      {importing && <ImportPanel onClose={() => setImporting(false)} />}
    </section>
  );
}

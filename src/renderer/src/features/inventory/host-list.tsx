// The inventory's servers: address, login method, where the login stands, checks on/off, and
// the actions. A server waiting for trust offers the fingerprint dialog right here.
import { describeError, hostHealthStatus } from '../../i18n/describe';
import { StatusBadge } from '../../ui/status-badge';
import { useState } from 'react';
import type { InventoryHost } from '../../../../shared/inventory-contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';
import { TrustDialog } from './trust-dialog';

/**
 * Health in the one vocabulary of every screen (the tile's status: a host that cannot be
 * reached is "unknown" here as on the overview), then where its login stands in words.
 */
function ConnectionCell({ host }: { host: InventoryHost }) {
  const { t } = useI18n();
  const tileStatus = useAppStore((s) => s.tiles[host.id]?.status);
  const c = host.connection;
  const status = hostHealthStatus(c.state, tileStatus);
  return (
    <div className={`inv-state inv-state-${c.state}`} data-testid={`host-state-${host.id}`} data-state={c.state} data-status={status ?? 'off'}>
      {status && <StatusBadge status={status} testId={`host-status-${host.id}`} />}
      <span className="inv-state-words">{t(`inventory.state.${c.state}`)}</span>
      {c.state === 'error' && (
        <p className="inv-detail" data-testid={`host-error-${host.id}`}>
          {describeError(t, c)}
        </p>
      )}
    </div>
  );
}

export function HostList({ hosts, onEdit }: { hosts: InventoryHost[]; onEdit(host: InventoryHost): void }) {
  const { t } = useI18n();
  const setHostEnabled = useAppStore((s) => s.setHostEnabled);
  const deleteHost = useAppStore((s) => s.deleteHost);
  const trustHostKey = useAppStore((s) => s.trustHostKey);
  const [reviewing, setReviewing] = useState<InventoryHost | null>(null);
  const review = reviewing?.connection.state === 'needs-trust' || reviewing?.connection.state === 'hostkey-changed' ? reviewing.connection : null;

  return (
    <div className="inv-table-wrap">
      <table className="inv-table" data-testid="host-list">
        <thead>
          <tr>
            <th scope="col">{t('inventory.col.name')}</th>
            <th scope="col">{t('inventory.col.address')}</th>
            <th scope="col">{t('inventory.col.auth')}</th>
            <th scope="col">{t('inventory.col.state')}</th>
            <th scope="col">{t('inventory.col.tags')}</th>
            <th scope="col">{t('inventory.col.enabled')}</th>
            <th scope="col">{t('inventory.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {hosts.map((h) => (
            <tr key={h.id} data-testid={`host-row-${h.id}`} data-host-name={h.name}>
              <th scope="row">{h.name}</th>
              <td className="inv-mono">
                {h.user}@{h.address}:{h.port}
                {h.jumpHost && (
                  <div className="inv-muted" data-testid="host-via">
                    {t('inventory.via', { jump: h.jumpHost })}
                  </div>
                )}
              </td>
              <td>
                {t(`inventory.auth.${h.authMethod}`)}
                {h.hasSecret && <span className="inv-muted"> · {t('inventory.secretStored')}</span>}
              </td>
              <td>
                <ConnectionCell host={h} />
              </td>
              <td>{h.tags.join(', ')}</td>
              <td>
                <input type="checkbox" checked={h.enabled} aria-label={t('inventory.enableLabel', { name: h.name })} onChange={(e) => void setHostEnabled(h.id, e.target.checked).catch(() => undefined)} data-testid={`host-enabled-${h.id}`} />
              </td>
              <td>
                <div className="inv-actions">
                  {(h.connection.state === 'needs-trust' || h.connection.state === 'hostkey-changed') && (
                    <button type="button" className="btn btn-small btn-primary" onClick={() => setReviewing(h)} data-testid={`host-review-${h.id}`}>
                      {t('inventory.reviewKey')}
                    </button>
                  )}
                  <button type="button" className="btn btn-small" onClick={() => onEdit(h)} data-testid={`host-edit-${h.id}`}>
                    {t('inventory.edit')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    onClick={() => {
                      if (window.confirm(t('inventory.confirmDelete', { name: h.name }))) void deleteHost(h.id).catch(() => undefined);
                    }}
                    data-testid={`host-delete-${h.id}`}
                  >
                    {t('inventory.delete')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reviewing && review && (
        <TrustDialog
          target={`${reviewing.user}@${reviewing.address}:${reviewing.port}`}
          fingerprint={review.fingerprint}
          keyType={review.keyType}
          changed={review.state === 'hostkey-changed'}
          onTrust={async () => void (await trustHostKey(reviewing.id, review.fingerprint))}
          onClose={() => setReviewing(null)}
        />
      )}
    </div>
  );
}

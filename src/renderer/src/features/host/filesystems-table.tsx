import type { HostSnapshot } from '../../../../shared/model';
import { filesystemSeriesKey } from '../../../../shared/model';
import { STATUS_SHAPES } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { GlossaryButton } from '../../ui/glossary-button';
import { LABEL_GLOSSARY_IDS } from '../../domain/glossary-links';
import { glossaryIdOf } from '../../domain/metrics';

export function FilesystemsTable({ snapshot }: { snapshot: HostSnapshot | null }) {
  const { t, fmt } = useI18n();
  const filesystems = snapshot?.filesystems ?? [];
  // A filesystem over its threshold is named by a THRESHOLD reason on its own series key.
  const flagged = new Map<string, 'warn' | 'crit'>();
  for (const reason of snapshot?.reasons ?? []) {
    if (reason.code === 'THRESHOLD' && (reason.status === 'warn' || reason.status === 'crit')) flagged.set(reason.metric, reason.status);
  }
  const percentLabel = t('fs.percent');

  return (
    <section className="panel" aria-labelledby="fs-title">
      <h2 id="fs-title">
        {t('fs.title')}
        <GlossaryButton glossaryId={LABEL_GLOSSARY_IDS.filesystems} term={t('fs.title')} />
      </h2>
      {filesystems.length === 0 ? (
        <p className="muted" data-testid="fs-empty">
          {t('fs.empty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="fs-table" data-testid="fs-table">
            <thead>
              <tr>
                <th scope="col">{t('fs.mount')}</th>
                <th scope="col">{t('fs.type')}</th>
                <th scope="col" className="num">
                  {t('fs.size')}
                </th>
                <th scope="col" className="num">
                  {t('fs.used')}
                </th>
                <th scope="col" className="num">
                  {t('fs.available')}
                </th>
                <th scope="col" className="num">
                  {percentLabel}
                  <GlossaryButton glossaryId={glossaryIdOf('disk.used')} term={percentLabel} />
                </th>
              </tr>
            </thead>
            <tbody>
              {filesystems.map((fs) => {
                const status = flagged.get(filesystemSeriesKey(fs.mount));
                return (
                  <tr key={fs.mount} data-testid={`fs-row-${fs.mount}`} className={status ? `metric-${status}` : undefined}>
                    <th scope="row" className="mono">
                      {fs.mount}
                    </th>
                    <td>{fs.fsType}</td>
                    <td className="num">{fmt.bytes(fs.sizeBytes)}</td>
                    <td className="num">{fmt.bytes(fs.usedBytes)}</td>
                    {/* df's Available: what users may still write; size − used − available is reserved for root. */}
                    <td className="num" data-testid="fs-available">{fmt.bytes(fs.availableBytes)}</td>
                    <td className="num">
                      <span className="usage-bar" aria-hidden="true">
                        <span style={{ width: `${Math.min(100, Math.max(0, fs.usedPercent))}%` }} />
                      </span>
                      {status && (
                        <span className="metric-flag" aria-label={t(`status.${status}`)}>
                          {STATUS_SHAPES[status]}{' '}
                        </span>
                      )}
                      {fmt.percent(fs.usedPercent)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small" data-testid="fs-note">{t('fs.note')}</p>
        </div>
      )}
    </section>
  );
}

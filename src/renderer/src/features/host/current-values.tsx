import type { HostSnapshot, MetricKey } from '../../../../shared/model';
import { definitionOf } from '../../domain/metrics';
import { metricLabel, STATUS_SHAPES } from '../../i18n/describe';
import { useI18n } from '../../i18n/use-i18n';
import { GlossaryButton } from '../../ui/glossary-button';

/** Current readings grouped the way an operator scans them. */
const GROUPS: ReadonlyArray<{ titleKey: 'chart.cpu' | 'chart.memory' | 'chart.load' | 'host.group.disk' | 'chart.network'; keys: MetricKey[] }> = [
  { titleKey: 'chart.cpu', keys: ['cpu.usage', 'cpu.iowait', 'cpu.steal', 'cpu.cores'] },
  { titleKey: 'chart.memory', keys: ['mem.used', 'mem.usedBytes', 'mem.totalBytes', 'swap.used', 'swap.usedBytes', 'swap.totalBytes'] },
  { titleKey: 'chart.load', keys: ['load.1', 'load.5', 'load.15', 'load.perCore'] },
  { titleKey: 'host.group.disk', keys: ['disk.used', 'disk.readBps', 'disk.writeBps', 'disk.readIops', 'disk.writeIops'] },
  { titleKey: 'chart.network', keys: ['net.rxBps', 'net.txBps'] },
];

export function CurrentValues({ snapshot }: { snapshot: HostSnapshot | null }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="current-title" data-testid="current-values">
      <h2 id="current-title">{t('host.current')}</h2>
      <div className="value-groups">
        {GROUPS.map((group) => (
          <div className="value-group" key={group.titleKey}>
            <h3>{t(group.titleKey)}</h3>
            <dl>
              {group.keys.map((key) => (
                <ValueRow key={key} metric={key} snapshot={snapshot} />
              ))}
            </dl>
          </div>
        ))}
      </div>
    </section>
  );
}

function ValueRow({ metric, snapshot }: { metric: MetricKey; snapshot: HostSnapshot | null }) {
  const { t, fmt } = useI18n();
  const def = definitionOf(metric);
  const label = metricLabel(t, metric);
  const value = snapshot?.metrics[metric] ?? null;
  const health = snapshot?.health[metric]?.status;
  const flagged = health === 'warn' || health === 'crit';
  return (
    <div className={`value-row${flagged ? ` metric-${health}` : ''}`}>
      <dt>
        {label}
        <GlossaryButton glossaryId={def.glossaryId} term={label} />
      </dt>
      <dd>
        <span className="metric-value" data-testid={`metric-${metric}`} title={value === null ? t('value.missing') : undefined}>
          {fmt.metric(def.unit, value)}
        </span>
        {flagged && (
          <span className="metric-flag" aria-label={t(`status.${health}`)}>
            {STATUS_SHAPES[health]}
          </span>
        )}
      </dd>
    </div>
  );
}

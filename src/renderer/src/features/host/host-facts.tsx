import type { HostSnapshot } from '../../../../shared/model';
import { LABEL_GLOSSARY_IDS } from '../../domain/glossary-links';
import { definitionOf } from '../../domain/metrics';
import { MISSING } from '../../i18n/format';
import { useI18n } from '../../i18n/use-i18n';
import { GlossaryButton } from '../../ui/glossary-button';

export function HostFacts({ snapshot }: { snapshot: HostSnapshot | null }) {
  const { t, fmt } = useI18n();
  const facts = snapshot?.facts;
  const rows = [
    { id: 'hostname', label: t('host.fact.hostname'), value: facts?.hostname, glossaryId: LABEL_GLOSSARY_IDS.hostname },
    { id: 'os', label: t('host.fact.os'), value: facts?.os, glossaryId: null },
    { id: 'kernel', label: t('host.fact.kernel'), value: facts?.kernel, glossaryId: null },
    { id: 'arch', label: t('host.fact.arch'), value: facts?.arch, glossaryId: null },
  ];
  const uptimeLabel = t('metric.uptime');
  return (
    <section className="panel" aria-labelledby="facts-title" data-testid="host-facts">
      <h2 id="facts-title">{t('host.facts')}</h2>
      <dl className="facts">
        {rows.map((row) => (
          <div className="fact" key={row.id}>
            <dt>
              {row.label}
              {row.glossaryId && <GlossaryButton glossaryId={row.glossaryId} term={row.label} />}
            </dt>
            <dd data-testid={`fact-${row.id}`} translate="no">
              {row.value ?? MISSING}
            </dd>
          </div>
        ))}
        <div className="fact">
          <dt>
            {uptimeLabel}
            <GlossaryButton glossaryId={definitionOf('uptime').glossaryId} term={uptimeLabel} />
          </dt>
          <dd data-testid="metric-uptime">{fmt.duration(snapshot?.metrics.uptime ?? null)}</dd>
        </div>
      </dl>
    </section>
  );
}

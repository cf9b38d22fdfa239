import type { Target } from '../../../../shared/model';
import { kindName } from '../../domain/kinds';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';

/**
 * Where a host page's readings come from: the source feeding it, and, when other sources know
 * the same machine (one fleet), which reading is shown and why it is shown once.
 */
export function FleetNote({ target }: { target: Target }) {
  const { t, language } = useI18n();
  const kinds = useAppStore((s) => s.kinds);
  const nameOf = (kind: string) => kindName(language, kinds[kind], kind);
  const also = target.alsoFrom ?? [];
  if (!target.source && also.length === 0) return null;
  // "Zabbix(본사 Zabbix)" / "Zabbix (HQ Zabbix)": the kind, then the source's own name.
  const others = also.map((s) => (language === 'ko' ? `${nameOf(s.kind)}(${s.name})` : `${nameOf(s.kind)} (${s.name})`)).join(', ');
  return (
    <div className="host-fleet" data-testid="host-fleet">
      {target.source && (
        <p className="muted" data-testid="host-source" data-source-kind={target.source.kind}>
          {t('host.source', { kind: nameOf(target.source.kind), name: target.source.name })}
        </p>
      )}
      {also.length > 0 && (
        <p className="host-fleet-choice" data-testid="host-fleet-choice" role="note">
          {target.source ? t('host.fleetChoice.source', { shown: nameOf(target.source.kind), others }) : t('host.fleetChoice.ssh', { others })}
        </p>
      )}
    </div>
  );
}

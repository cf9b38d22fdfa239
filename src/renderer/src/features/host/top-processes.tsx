// The busiest processes of a host polled over SSH (slow cadence, about once a minute), by CPU
// and by memory. Hosts without a process list (this computer) show nothing.
import type { HostSnapshot, ProcessUsage } from '../../../../shared/model';
import { useI18n } from '../../i18n/use-i18n';

function ProcessTable({ title, rows, testId }: { title: string; rows: ProcessUsage[]; testId: string }) {
  const { t, fmt } = useI18n();
  return (
    <div className="table-scroll">
      <table className="fs-table" data-testid={testId}>
        <caption className="top-caption">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('host.proc.command')}</th>
            <th scope="col" className="num">
              {t('host.proc.pid')}
            </th>
            <th scope="col" className="num">
              {t('host.proc.cpu')}
            </th>
            <th scope="col" className="num">
              {t('host.proc.mem')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.pid}>
              <th scope="row" className="top-command" title={p.command} translate="no">
                {p.command}
              </th>
              <td className="num">{p.pid}</td>
              <td className="num">{fmt.metric('percent', p.cpuPercent)}</td>
              <td className="num">{fmt.metric('percent', p.memPercent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TopProcesses({ snapshot }: { snapshot: HostSnapshot | null }) {
  const { t } = useI18n();
  if (snapshot?.topProcesses === undefined) return null;
  const top = snapshot.topProcesses;
  return (
    <section className="panel" aria-labelledby="top-title" data-testid="top-processes">
      <h2 id="top-title">{t('host.topProcesses')}</h2>
      {top === null ? (
        <p className="muted">{t('host.topNone')}</p>
      ) : (
        <>
          <div className="top-grid">
            <ProcessTable title={t('host.topByCpu')} rows={top.byCpu.slice(0, 5)} testId="top-by-cpu" />
            <ProcessTable title={t('host.topByMem')} rows={top.byMemory.slice(0, 5)} testId="top-by-mem" />
          </div>
          <p className="muted">{t('host.topNote')}</p>
        </>
      )}
    </section>
  );
}

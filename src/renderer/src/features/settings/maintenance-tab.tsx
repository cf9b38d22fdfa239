// Settings > Maintenance: one-off, weekly, monthly and cron windows for everything, a service or
// one target. During a window collection goes on and nothing is sent.
import { useState } from 'react';
import type { MaintenanceSchedule, MaintenanceWindow } from '../../../../shared/alerts';
import type { ErrorPayload } from '../../../../shared/errors';
import type { InventoryService } from '../../../../shared/inventory-contract';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore, useAppStoreShallow } from '../../store/react';
import { describeAlertError } from '../alerts/alert-errors';

/** One empty list, so the selector returns the same value while the inventory loads. */
const NO_SERVICES: readonly InventoryService[] = [];

type Kind = MaintenanceSchedule['kind'];
const KINDS: Kind[] = ['once', 'weekly', 'monthly', 'cron'];

/** A datetime-local value (local time) from ms, and back. */
const toLocal = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};
const fromLocal = (text: string) => new Date(text).getTime();

export function MaintenanceTab() {
  const { t, fmt } = useI18n();
  const hostKind = useAppStore((s) => s.hostKind);
  const windows = useAppStore((s) => s.alertsConfig.maintenance);
  const services = useAppStore((s) => s.inventory?.services ?? NO_SERVICES);
  const targets = useAppStoreShallow((s) => s.tileOrder.map((id) => s.tiles[id]?.target).filter((x) => x !== undefined));
  const save = useAppStore((s) => s.saveMaintenance);
  const remove = useAppStore((s) => s.deleteMaintenance);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('once');
  const [start, setStart] = useState(() => toLocal(Date.now() + 3_600_000));
  const [end, setEnd] = useState(() => toLocal(Date.now() + 2 * 3_600_000));
  const [days, setDays] = useState<number[]>([0]);
  const [time, setTime] = useState('02:00');
  const [dayOfMonth, setDayOfMonth] = useState(1);
  const [cron, setCron] = useState('0 2 * * 0');
  const [minutes, setMinutes] = useState(60);
  const [scope, setScope] = useState('');
  const [error, setError] = useState<ErrorPayload | null>(null);

  const schedule = (): MaintenanceSchedule => {
    const durationMs = minutes * 60_000;
    switch (kind) {
      case 'once':
        return { kind, startsAt: fromLocal(start), endsAt: fromLocal(end) };
      case 'weekly':
        return { kind, days, time, durationMs };
      case 'monthly':
        return { kind, dayOfMonth, time, durationMs };
      case 'cron':
        return { kind, expression: cron, durationMs };
    }
  };

  const describe = (w: MaintenanceWindow) => {
    const s = w.schedule;
    const duration = s.kind === 'once' ? '' : fmt.duration(s.durationMs / 1000);
    switch (s.kind) {
      case 'once':
        return t('maintenance.describe.once', { start: fmt.dateTime(s.startsAt), end: fmt.dateTime(s.endsAt) });
      case 'weekly':
        return t('maintenance.describe.weekly', { days: s.days.map((d) => t(`maintenance.weekday.${d}` as 'maintenance.weekday.0')).join('·'), time: s.time, duration });
      case 'monthly':
        return t('maintenance.describe.monthly', { day: s.dayOfMonth, time: s.time, duration });
      case 'cron':
        return t('maintenance.describe.cron', { expression: s.expression, duration });
    }
  };
  const scopeText = (w: MaintenanceWindow) => {
    const parts = [
      ...w.scope.services.map((id) => t('maintenance.scope.service', { name: services.find((s) => s.id === id)?.name ?? id })),
      ...w.scope.targets.map((id) => t('maintenance.scope.target', { name: targets.find((x) => x.id === id)?.name ?? id })),
    ];
    return parts.length ? parts.join(', ') : t('maintenance.scope.all');
  };

  return (
    <div className="settings-grid" data-testid="settings-maintenance">
      <section className="panel">
        <h2>{t('maintenance.title')}</h2>
        <p className="muted">{t('maintenance.intro')}</p>
        {windows.length === 0 ? (
          <p className="muted" data-testid="maintenance-empty">
            {t('maintenance.empty')}
          </p>
        ) : (
          <table className="settings-table">
            <tbody>
              {windows.map((w) => (
                <tr key={w.id} data-testid="maintenance-row">
                  <td>
                    <strong>{w.name}</strong>
                    <div className="muted small">{describe(w)}</div>
                  </td>
                  <td>{scopeText(w)}</td>
                  <td>
                    <button type="button" className="btn btn-small" onClick={() => void remove(w.id)} data-testid="maintenance-delete">
                      {t('settings.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel">
        <h2>{t('settings.add')}</h2>
        <form
          className="field-grid"
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            const [type, id] = scope.split(':');
            save({
              name: name.trim(),
              schedule: schedule(),
              timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
              scope: { services: type === 'service' ? [id!] : [], targets: type === 'target' ? [id!] : [], rules: [] },
            }).then(
              () => setName(''),
              (err: ErrorPayload) => setError(err),
            );
          }}
        >
          <label>
            {t('maintenance.name')}
            <input type="text" required value={name} onChange={(e) => setName(e.target.value)} data-testid="maintenance-name" />
          </label>
          <label>
            {t('maintenance.kind')}
            <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="maintenance-kind">
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`maintenance.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {kind === 'once' ? (
            <>
              <label>
                {t('maintenance.start')}
                <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} data-testid="maintenance-start" />
              </label>
              <label>
                {t('maintenance.end')}
                <input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} data-testid="maintenance-end" />
              </label>
            </>
          ) : (
            <>
              {kind === 'weekly' && (
                <fieldset className="weekday-picker">
                  <legend>{t('maintenance.days')}</legend>
                  {[0, 1, 2, 3, 4, 5, 6].map((d) => (
                    <label key={d}>
                      <input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays(e.target.checked ? [...days, d] : days.filter((x) => x !== d))} />
                      {t(`maintenance.weekday.${d}` as 'maintenance.weekday.0')}
                    </label>
                  ))}
                </fieldset>
              )}
              {kind === 'monthly' && (
                <label>
                  {t('maintenance.dayOfMonth')}
                  <input type="number" min={1} max={31} value={dayOfMonth} onChange={(e) => setDayOfMonth(Number(e.target.value))} />
                </label>
              )}
              {kind === 'cron' ? (
                <label>
                  {t('maintenance.cron')}
                  <input type="text" value={cron} onChange={(e) => setCron(e.target.value)} data-testid="maintenance-cron" />
                </label>
              ) : (
                <label>
                  {t('maintenance.time')}
                  <input type="time" value={time} onChange={(e) => setTime(e.target.value)} />
                </label>
              )}
              <label>
                {t('maintenance.duration')}
                <input type="number" min={1} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-testid="maintenance-minutes" />
              </label>
            </>
          )}
          <label>
            {t('maintenance.scope')}
            <select value={scope} onChange={(e) => setScope(e.target.value)} data-testid="maintenance-scope">
              <option value="">{t('maintenance.scope.all')}</option>
              {services.map((s) => (
                <option key={s.id} value={`service:${s.id}`}>
                  {t('maintenance.scope.service', { name: s.name })}
                </option>
              ))}
              {targets.map((x) => (
                <option key={x.id} value={`target:${x.id}`}>
                  {t('maintenance.scope.target', { name: x.name })}
                </option>
              ))}
            </select>
          </label>
          <div>
            <button type="submit" className="btn btn-primary" data-testid="maintenance-save">
              {t('settings.save')}
            </button>
          </div>
          {error && <p className="form-error">{describeAlertError(t, error, hostKind)}</p>}
        </form>
      </section>
    </div>
  );
}

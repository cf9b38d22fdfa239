// Action items: what will be done so it does not happen again, each with an owner, a due date
// and a status. Overdue open items are flagged with a shape and a word.
import { ACTION_ITEM_KINDS, ACTION_ITEM_STATUSES, type ActionItem } from '../../../../../shared/incidents';
import { useI18n } from '../../../i18n/use-i18n';
import { FieldError } from '../../../ui/field-error';
import type { PostmortemProblem } from './form-model';

interface Props {
  items: ActionItem[];
  overdueIds: ReadonlySet<string>;
  defaultDueDates: Record<ActionItem['kind'], string>;
  /** Fields a save found wrong (`action-<n>-title|owner|due`), each with its message key. */
  problems: ReadonlyMap<string, PostmortemProblem>;
  onChange(items: ActionItem[]): void;
  onAdd(): void;
}

export function ActionItemsEditor({ items, overdueIds, defaultDueDates, problems, onChange, onAdd }: Props) {
  const { t } = useI18n();
  const invalid = (key: string) => (problems.has(key) ? { 'aria-invalid': true as const, 'aria-describedby': `pm-error-${key}` } : {});
  const errorLine = (key: string) => (problems.has(key) ? <FieldError id={`pm-error-${key}`} text={t(problems.get(key)!)} /> : null);
  const patch = (i: number, p: Partial<ActionItem>) => onChange(items.map((item, j) => (j === i ? { ...item, ...p } : item)));
  return (
    <fieldset className="field action-items" data-testid="action-items">
      <legend>{t('pm.actionItems')}</legend>
      {items.length === 0 && <p className="muted">{t('pm.actionEmpty')}</p>}
      {items.map((item, i) => {
        const overdue = overdueIds.has(item.id);
        return (
          <div key={item.id} className={`action-item${overdue ? ' action-item-overdue' : ''}`} data-testid={`action-item-${i}`} data-overdue={overdue}>
            <label className="field grow">
              <span>{t('pm.action.title')}</span>
              <input value={item.title} maxLength={200} onChange={(e) => patch(i, { title: e.target.value })} data-testid={`action-${i}-title`} {...invalid(`action-${i}-title`)} />
              {errorLine(`action-${i}-title`)}
            </label>
            <label className="field">
              <span>{t('pm.action.kind')}</span>
              <select
                value={item.kind}
                onChange={(e) => {
                  const kind = e.target.value as ActionItem['kind'];
                  patch(i, { kind, dueDate: item.dueDate === defaultDueDates[item.kind] ? defaultDueDates[kind] : item.dueDate });
                }}
                data-testid={`action-${i}-kind`}
              >
                {ACTION_ITEM_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`pm.action.kind.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('pm.action.owner')}</span>
              <input value={item.owner} maxLength={100} list="people-names" onChange={(e) => patch(i, { owner: e.target.value })} data-testid={`action-${i}-owner`} {...invalid(`action-${i}-owner`)} />
              {errorLine(`action-${i}-owner`)}
            </label>
            <label className="field">
              <span>
                {t('pm.action.due')}
                {overdue && (
                  <span className="tag tag-late" data-testid={`action-${i}-overdue`}>
                    ■ {t('pm.action.overdue')}
                  </span>
                )}
              </span>
              <input type="date" value={item.dueDate} onChange={(e) => patch(i, { dueDate: e.target.value })} data-testid={`action-${i}-due`} {...invalid(`action-${i}-due`)} />
              {errorLine(`action-${i}-due`)}
            </label>
            <label className="field">
              <span>{t('pm.action.status')}</span>
              <select value={item.status} onChange={(e) => patch(i, { status: e.target.value as ActionItem['status'] })} data-testid={`action-${i}-status`}>
                {ACTION_ITEM_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`pm.action.status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('pm.action.ticket')}</span>
              <input value={item.ticket ?? ''} maxLength={500} onChange={(e) => patch(i, { ticket: e.target.value })} />
            </label>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange(items.filter((_, j) => j !== i))} data-testid={`action-${i}-remove`}>
              {t('pm.action.remove')}
            </button>
          </div>
        );
      })}
      <button type="button" className="btn" onClick={onAdd} data-testid="action-add">
        + {t('pm.action.add')}
      </button>
    </fieldset>
  );
}

// One table of a check's snapshot, drawn from the descriptor's columns. A table with a tree
// (lock chains) indents each row under the row it waits for.
import type { TableColumn, TableDefinition } from '../../../../shared/checks';
import type { DataTable, TableCell } from '../../../../shared/model';
import { textIn } from '../../domain/kinds';
import type { MessageKey, Translate } from '../../i18n/catalogue';
import type { Formatter } from '../../i18n/format';
import { useI18n } from '../../i18n/use-i18n';
import { GlossaryButton } from '../../ui/glossary-button';
import { treeOrder } from './check-tree';

/** Session states as databases name them, in the person's words; unknown ones as they are. */
const STATE_KEYS: Record<string, MessageKey> = {
  active: 'check.state.active',
  idle: 'check.state.idle',
  'idle in transaction': 'check.state.idleInTransaction',
  'idle in transaction (aborted)': 'check.state.idleInTransactionAborted',
  'fastpath function call': 'check.state.fastpath',
  Query: 'check.state.active',
  Execute: 'check.state.active',
  Sleep: 'check.state.idle',
  // Zabbix trigger severities (the zabbix kind's problems table).
  'zabbix-not-classified': 'alerts.external.sev.not-classified',
  'zabbix-information': 'alerts.external.sev.information',
  'zabbix-warning': 'alerts.external.sev.warning',
  'zabbix-average': 'alerts.external.sev.average',
  'zabbix-high': 'alerts.external.sev.high',
  'zabbix-disaster': 'alerts.external.sev.disaster',
};

function cellText(t: Translate, fmt: Formatter, column: TableColumn, value: TableCell): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? `✓ ${t('check.yes')}` : `✗ ${t('check.no')}`;
  if (column.format === 'state' && typeof value === 'string') {
    const key = STATE_KEYS[value];
    return key ? t(key) : value;
  }
  if (typeof value === 'string') return value;
  switch (column.format) {
    case 'seconds':
      return fmt.duration(value);
    case 'bytes':
      return fmt.bytes(value);
    case 'percent':
      return fmt.percent(value);
    case 'ms':
      return `${fmt.number(value, value < 10 ? 2 : 0)} ms`;
    case 'count':
      return column.key === 'pid' || column.key === 'id' ? String(value) : fmt.count(value);
    default:
      return String(value);
  }
}

export function CheckTable({ definition, table }: { definition: TableDefinition; table: DataTable | undefined }) {
  const { t, fmt, language } = useI18n();
  const title = textIn(language, definition.title);
  const rows = table?.rows ?? [];
  const ordered = definition.tree ? treeOrder(rows, definition.tree.idColumn, definition.tree.parentColumn) : rows.map((row) => ({ row, depth: 0 }));
  return (
    <section className="panel check-table" data-testid={`table-${definition.id}`} data-rows={rows.length} aria-labelledby={`table-title-${definition.id}`}>
      <div className="section-head">
        <h2 id={`table-title-${definition.id}`}>{title}</h2>
        <GlossaryButton glossaryId={definition.glossaryId} term={title} />
      </div>
      {table === undefined ? (
        <p className="muted">{t('check.tableNotYet')}</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid={`table-empty-${definition.id}`}>
          {textIn(language, definition.empty)}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                {definition.columns.map((c) => (
                  <th key={c.key} scope="col" className={`col-${c.format}`}>
                    {textIn(language, c.label)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ordered.map(({ row, depth }, i) => (
                <tr key={i} data-long={row.long === true || undefined} className={row.long === true ? 'row-flagged' : undefined}>
                  {definition.columns.map((c, ci) => (
                    <td key={c.key} className={`col-${c.format}`} style={ci === 0 && depth > 0 ? { paddingInlineStart: `${0.5 + depth * 1.25}rem` } : undefined}>
                      {ci === 0 && depth > 0 && (
                        <span className="tree-arrow" aria-label={t('check.waitsFor')}>
                          ↳{' '}
                        </span>
                      )}
                      {c.format === 'code' && typeof row[c.key] === 'string' ? <code className="query-text">{String(row[c.key])}</code> : cellText(t, fmt, c, row[c.key] ?? null)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {table.truncated && <p className="muted">{t('check.tableTruncated')}</p>}
        </div>
      )}
    </section>
  );
}

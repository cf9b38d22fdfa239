// One field of a check's form, drawn from the kind's descriptor: text, number, several lines,
// a checkbox, a choice, an inventory server, or the secret (never shown back).
import type { ConfigField, KindCategory } from '../../../../shared/checks';
import { textIn } from '../../domain/kinds';
import { useI18n } from '../../i18n/use-i18n';
import { useAppStore } from '../../store/react';

/** One empty list for every render: a new [] per render would make the store re-render forever. */
const NO_HOSTS: never[] = [];

interface Props {
  field: ConfigField;
  /** A log source must name its server; a database may also be reached directly. */
  category: KindCategory;
  value: string;
  password: string;
  invalid: boolean;
  onChange(value: string): void;
  onPassword(value: string): void;
}

export function CheckFieldInput({ field: f, category, value, password, invalid, onChange, onPassword }: Props) {
  const { t, language } = useI18n();
  const hosts = useAppStore((s) => s.inventory?.hosts ?? NO_HOSTS);
  const common = { id: `check-${f.key}`, 'data-testid': `check-field-${f.key}`, 'aria-invalid': invalid || undefined };
  switch (f.input) {
    case 'host':
      return (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{category === 'log' ? t('logs.form.pickHost') : t('checkForm.direct')}</option>
          {hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name} ({h.user}@{h.address})
            </option>
          ))}
        </select>
      );
    case 'select':
      return (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          {(f.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>
              {textIn(language, o.label)}
            </option>
          ))}
        </select>
      );
    case 'password':
      return <input {...common} type="password" value={password} autoComplete="new-password" onChange={(e) => onPassword(e.target.value)} />;
    case 'checkbox':
      return <input {...common} type="checkbox" checked={value === 'true'} onChange={(e) => onChange(String(e.target.checked))} />;
    case 'lines':
      return <textarea {...common} value={value} rows={3} placeholder={f.placeholder} spellCheck={false} onChange={(e) => onChange(e.target.value)} />;
    default:
      return <input {...common} value={value} inputMode={f.input === 'number' ? 'numeric' : undefined} placeholder={f.placeholder} spellCheck={false} autoComplete="off" onChange={(e) => onChange(e.target.value)} />;
  }
}

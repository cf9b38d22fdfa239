// Labelled inputs for the organisation-term form: each shows its hint and its error, tied to
// the input with aria-describedby so screen readers read them with the field.
import { useId, type ReactNode } from 'react';
import type { DraftErrors, DraftField } from '../../domain/glossary-draft';
import { useI18n } from '../../i18n/use-i18n';

interface FieldProps {
  field: DraftField;
  label: string;
  errors: DraftErrors;
  required?: boolean;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined; 'data-testid': string }) => ReactNode;
}

export function Field({ field, label, errors, required, hint, children }: FieldProps) {
  const { t } = useI18n();
  const id = useId();
  const error = errors[field];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`} data-field={field}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy, 'data-testid': `field-${field}` })}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} data-testid={`error-${field}`}>
          <span aria-hidden="true">▲ </span>
          {t(error.key, error.params)}
        </p>
      )}
    </div>
  );
}

interface TextProps {
  field: DraftField;
  label: string;
  value: string;
  onChange(value: string): void;
  errors: DraftErrors;
  required?: boolean;
  hint?: string;
  multiline?: boolean;
  readOnly?: boolean;
  lang?: 'ko' | 'en';
}

export function TextField({ field, label, value, onChange, errors, required, hint, multiline, readOnly, lang }: TextProps) {
  return (
    <Field field={field} label={label} errors={errors} {...(required ? { required } : {})} {...(hint ? { hint } : {})}>
      {(props) =>
        multiline ? (
          <textarea className="input" rows={3} value={value} lang={lang} onChange={(e) => onChange(e.target.value)} {...props} />
        ) : (
          <input className="input" type="text" value={value} lang={lang} readOnly={readOnly} aria-required={required} onChange={(e) => onChange(e.target.value)} {...props} />
        )
      }
    </Field>
  );
}

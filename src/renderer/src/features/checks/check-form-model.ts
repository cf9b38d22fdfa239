// The add/edit form of a check, as plain strings per field, and its conversion to CheckInput.
// Pure, so it is tested without a DOM.
import type { CheckInput, CheckRecord, ConfigField, KindDescriptor } from '../../../../shared/checks';

export interface CheckDraft {
  id: string | null;
  kind: string;
  name: string;
  /** Every descriptor field but the password, as typed. */
  fields: Record<string, string>;
  password: string;
  hasSecret: boolean;
  enabled: boolean;
}

export function emptyCheckDraft(descriptor: KindDescriptor): CheckDraft {
  const fields: Record<string, string> = {};
  for (const f of descriptor.form) if (f.input !== 'password') fields[f.key] = f.initial ?? (f.input === 'select' ? (f.options?.[0]?.value ?? '') : '');
  return { id: null, kind: descriptor.kind, name: '', fields, password: '', hasSecret: false, enabled: true };
}

export function draftFromCheck(check: CheckRecord, descriptor: KindDescriptor): CheckDraft {
  const draft = emptyCheckDraft(descriptor);
  for (const key of Object.keys(draft.fields)) {
    const value = check.config[key];
    draft.fields[key] = value === null || value === undefined ? '' : String(value);
  }
  return { ...draft, id: check.id, name: check.name, hasSecret: check.hasSecret, enabled: check.enabled };
}

/** A field is on screen (and sent) while the field it depends on has one of its values. */
export function fieldShown(field: ConfigField, draft: CheckDraft): boolean {
  return !field.showWhen || field.showWhen.values.includes(draft.fields[field.showWhen.field] ?? '');
}

/** The kind keeps a secret for these settings (a password field is on screen). */
export function secretShown(draft: CheckDraft, descriptor: KindDescriptor): boolean {
  return descriptor.form.some((f) => f.input === 'password' && fieldShown(f, draft));
}

/** Changing this field sends the secret somewhere else, so the stored one is dropped. */
export function isDestinationField(key: string, descriptor: KindDescriptor): boolean {
  return descriptor.secretBoundTo ? descriptor.secretBoundTo.includes(key) : key !== 'longQuerySeconds';
}

/** The input the engine validates; empty optional and hidden fields are left out so the kind's default applies. */
export function checkInputFromDraft(draft: CheckDraft, descriptor: KindDescriptor): CheckInput {
  const config: CheckInput['config'] = {};
  for (const field of descriptor.form) {
    if (field.input === 'password' || !fieldShown(field, draft)) continue;
    const raw = (draft.fields[field.key] ?? '').trim();
    if (field.input === 'host') config[field.key] = raw === '' ? null : raw;
    else if (raw === '') continue;
    else if (field.input === 'number') config[field.key] = /^\d+$/.test(raw) ? Number(raw) : raw;
    else if (field.input === 'checkbox') config[field.key] = raw === 'true';
    else config[field.key] = raw;
  }
  return {
    ...(draft.id ? { id: draft.id } : {}),
    kind: draft.kind,
    name: draft.name.trim(),
    enabled: draft.enabled,
    config,
    ...(draft.password !== '' && secretShown(draft, descriptor) ? { secret: draft.password } : {}),
  };
}

/** Fields of the form the person must fill before saving, by key. */
export function missingFields(draft: CheckDraft, descriptor: KindDescriptor): string[] {
  const missing = draft.name.trim() === '' ? ['name'] : [];
  for (const f of descriptor.form) if (f.required && f.input !== 'password' && fieldShown(f, draft) && (draft.fields[f.key] ?? '').trim() === '') missing.push(f.key);
  return missing;
}

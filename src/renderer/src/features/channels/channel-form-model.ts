// The channel form as plain data: a draft per type drawn from its descriptor, what is missing,
// and the contract's ChannelInput. Secrets are never filled in from the engine: a stored one is
// only "kept" (sent as nothing), typed anew, or forgotten (sent as null).
import type { ChannelField, ChannelInput, ChannelLanguage, ChannelRecord, ChannelTypeDescriptor } from '../../../../shared/channels';

export interface ChannelDraft {
  id?: string;
  type: string;
  name: string;
  enabled: boolean;
  language: ChannelLanguage;
  /** Non-secret fields as typed; checkboxes as 'true' / ''. */
  fields: Record<string, string>;
  /** Secret fields typed in this form (empty: keep the stored one). */
  secrets: Record<string, string>;
  /** Secret fields stored in the keychain when the form opened. */
  hasSecret: Record<string, boolean>;
  /** Stored secrets the person chose to forget. */
  forget: string[];
  /** Destination fields as they were when the form opened, to warn that stored secrets will be dropped. */
  original: Record<string, string>;
}

const isSecret = (f: ChannelField) => f.input === 'secret';

function initialText(f: ChannelField): string {
  if (f.initial === undefined) return '';
  if (typeof f.initial === 'boolean') return f.initial ? 'true' : '';
  return String(f.initial);
}

export function emptyDraft(type: ChannelTypeDescriptor, language: ChannelLanguage): ChannelDraft {
  return {
    type: type.type,
    name: '',
    enabled: true,
    language,
    fields: Object.fromEntries(type.fields.filter((f) => !isSecret(f)).map((f) => [f.key, initialText(f)])),
    secrets: {},
    hasSecret: {},
    forget: [],
    original: {},
  };
}

export function draftFromRecord(record: ChannelRecord, type: ChannelTypeDescriptor): ChannelDraft {
  const fields = Object.fromEntries(
    type.fields
      .filter((f) => !isSecret(f))
      .map((f) => {
        const value = record.settings[f.key];
        return [f.key, value === null || value === undefined ? '' : typeof value === 'boolean' ? (value ? 'true' : '') : String(value)];
      }),
  );
  return {
    id: record.id,
    type: record.type,
    name: record.name,
    enabled: record.enabled,
    language: record.language,
    fields,
    secrets: {},
    hasSecret: { ...record.hasSecret },
    forget: [],
    original: Object.fromEntries(type.destinationFields.filter((k) => k in fields).map((k) => [k, fields[k]!])),
  };
}

/** True when a destination setting changed, or a destination secret is being replaced. */
export function destinationChanged(draft: ChannelDraft, type: ChannelTypeDescriptor): boolean {
  if (!draft.id) return false;
  return type.destinationFields.some((k) => (k in draft.original ? (draft.fields[k] ?? '') !== draft.original[k] : !!draft.secrets[k]));
}

/** A stored secret the engine will keep on save. */
export function secretKept(draft: ChannelDraft, type: ChannelTypeDescriptor, key: string): boolean {
  return !!draft.hasSecret[key] && !draft.forget.includes(key) && !draft.secrets[key] && !destinationChanged(draft, type);
}

/** Required fields with nothing in them (a secret counts when one is stored and kept). */
export function missingFields(draft: ChannelDraft, type: ChannelTypeDescriptor): string[] {
  const gaps = draft.name.trim() ? [] : ['name'];
  for (const f of type.fields) {
    if (!f.required) continue;
    if (isSecret(f)) {
      if (!draft.secrets[f.key]?.trim() && !secretKept(draft, type, f.key)) gaps.push(f.key);
    } else if (!(draft.fields[f.key] ?? '').trim()) gaps.push(f.key);
  }
  return gaps;
}

export function inputFromDraft(draft: ChannelDraft, type: ChannelTypeDescriptor): ChannelInput {
  const settings: ChannelInput['settings'] = {};
  const secrets: Record<string, string | null> = {};
  for (const f of type.fields) {
    if (isSecret(f)) {
      const typed = draft.secrets[f.key]?.trim();
      if (typed) secrets[f.key] = typed;
      else if (draft.forget.includes(f.key)) secrets[f.key] = null;
      continue;
    }
    const raw = (draft.fields[f.key] ?? '').trim();
    if (f.input === 'checkbox') settings[f.key] = raw === 'true';
    else if (raw === '') settings[f.key] = null;
    else if (f.input === 'number' && /^-?\d+(\.\d+)?$/.test(raw)) settings[f.key] = Number(raw);
    else settings[f.key] = raw;
  }
  return {
    ...(draft.id ? { id: draft.id } : {}),
    type: draft.type,
    name: draft.name.trim(),
    enabled: draft.enabled,
    language: draft.language,
    settings,
    ...(Object.keys(secrets).length ? { secrets } : {}),
  };
}

/** 32 random bytes as hex, for a webhook's signing secret. */
export function randomSecret(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return [...random(new Uint8Array(new ArrayBuffer(32)))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

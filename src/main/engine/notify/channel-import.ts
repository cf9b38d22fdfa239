// Channels as entries of a rules file (`channels:` in YAML): `{ name, type, ...settings }`.
// The alert engine parses the file and hands the list here. Import is idempotent by name: a
// name that exists is updated in place. The export gives back the same shape with every stored
// secret replaced by KEEP_SECRET, which the import reads as "keep the stored value" (kept only
// while the destination is unchanged, as in the form).
import type { ChannelInput, ChannelSettingValue } from '../../../shared/channels';
import { toErrorPayload } from '../../../shared/errors';
import type { ChannelsModule } from './channels-module';

/** Stands for a stored secret in an exported file; an import keeps the stored value for it. */
export const KEEP_SECRET = '<kept-in-keychain>';

export type ChannelFileEntry = { name: string; type: string } & Record<string, unknown>;

export interface ChannelImportResult {
  added: string[];
  updated: string[];
  rejected: Array<{ name: string; reason: string }>;
}

const RESERVED = new Set(['name', 'type', 'language', 'enabled']);

let bound: ChannelsModule | null = null;

/** The engine's channels module, for importChannels/exportChannels called without one. */
export function bindChannelImport(channels: ChannelsModule | null): void {
  bound = channels;
}

function requireModule(channels: ChannelsModule | null | undefined): ChannelsModule {
  const module = channels ?? bound;
  if (!module) throw new Error('The channels are not open yet: the engine is starting or stopped.');
  return module;
}

/** A YAML value as a setting: lists become one comma-separated line, objects are refused. */
function settingValue(value: unknown): ChannelSettingValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
  return undefined;
}

export async function importChannels(list: readonly ChannelFileEntry[], channels?: ChannelsModule): Promise<ChannelImportResult> {
  const module = requireModule(channels);
  const result: ChannelImportResult = { added: [], updated: [], rejected: [] };
  const seen = new Set<string>();
  const changed: string[] = [];
  for (const entry of list) {
    const name = typeof entry?.name === 'string' ? entry.name.trim() : '';
    if (!name) {
      result.rejected.push({ name: String(entry?.name ?? ''), reason: 'A channel needs a name.' });
      continue;
    }
    if (seen.has(name.toLowerCase())) {
      result.rejected.push({ name, reason: `The name "${name}" appears twice in the file; each channel needs its own name.` });
      continue;
    }
    seen.add(name.toLowerCase());
    const type = typeof entry.type === 'string' ? module.typeOf(entry.type) : null;
    if (!type) {
      result.rejected.push({ name, reason: `Unknown channel type "${String(entry.type)}".` });
      continue;
    }
    const settings: Record<string, ChannelSettingValue> = {};
    const secrets: Record<string, string> = {};
    let bad: string | null = null;
    for (const [key, raw] of Object.entries(entry)) {
      if (RESERVED.has(key)) continue;
      const value = settingValue(raw);
      if (value === undefined) {
        bad = `The setting "${key}" must be text, a number, true/false or a list.`;
        break;
      }
      if (type.secretFields.includes(key)) {
        if (value === KEEP_SECRET || value === null) continue;
        secrets[key] = String(value);
      } else settings[key] = value;
    }
    if (bad) {
      result.rejected.push({ name, reason: bad });
      continue;
    }
    const language = entry.language === 'en' ? 'en' : 'ko';
    const existing = module.findByName(name);
    const input: ChannelInput = {
      ...(existing ? { id: existing.id } : {}),
      type: type.type,
      name,
      language,
      enabled: typeof entry.enabled === 'boolean' ? entry.enabled : (existing?.enabled ?? true),
      settings,
      secrets,
    };
    try {
      const saved = await module.saveQuietly(input);
      (existing ? result.updated : result.added).push(name);
      changed.push(saved.id);
    } catch (err) {
      result.rejected.push({ name, reason: toErrorPayload(err).message });
    }
  }
  if (changed.length) module.emitChanged(changed);
  return result;
}

/**
 * The ids of channels named in a rules file (a rule's channel list names them), for
 * `notify(notification, ids)`; names with no channel come back in `unknown`.
 */
export function channelIdsByName(names: readonly string[], channels?: ChannelsModule): { ids: string[]; unknown: string[] } {
  const module = requireModule(channels);
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const found = module.findByName(name.trim());
    if (found) ids.push(found.id);
    else unknown.push(name);
  }
  return { ids: [...new Set(ids)], unknown };
}

/** Every channel as a file entry: settings as stored, secrets as KEEP_SECRET where one is stored. */
export async function exportChannels(channels?: ChannelsModule): Promise<ChannelFileEntry[]> {
  const module = requireModule(channels);
  const records = await module.methods.listChannels();
  return records.map((r) => {
    const entry: ChannelFileEntry = { name: r.name, type: r.type, language: r.language, enabled: r.enabled };
    for (const [key, value] of Object.entries(r.settings)) if (value !== null && value !== '') entry[key] = value;
    for (const [field, stored] of Object.entries(r.hasSecret)) if (stored) entry[field] = KEEP_SECRET;
    return entry;
  });
}

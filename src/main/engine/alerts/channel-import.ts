// The seam between a rules file's `channels:` section and the notification channels module.
// The alert engine parses the section into `{ name, type, ...settings }` and hands the list to
// `importChannels`; channel references in rules are names, turned into channel ids here.
//
// Until the channels module provides its own importer (replace `createChannelImporter`), the
// fallback below keeps imported channels in `alert_channel_imports`: settings without secrets
// in SQLite, every secret-looking setting (url, token, password, key, secret, webhook) in the
// secret store under `channel-import:<name>:<setting>`, never in the database.
import type { ImportedChannel } from './rules-file';
import type { AlertsStore } from '../store/alerts-tables';
import type { SecretStore } from '../secrets';

export interface ChannelImportResult {
  imported: string[];
  skipped: Array<{ name: string; reason: string }>;
}

export interface ChannelImporter {
  /** Adds or replaces channels by name. */
  importChannels(list: readonly ImportedChannel[]): Promise<ChannelImportResult>;
  /** Channels as a rules file writes them (secrets left out). */
  exportChannels(): Promise<ImportedChannel[]>;
  /** Channel ids for the names rules use; unknown names are left out. */
  resolveChannelIds(names: readonly string[]): string[];
}

export interface ChannelImporterContext {
  store: AlertsStore;
  /** Where secret settings go; absent in contexts without one (then they are refused). */
  secrets: SecretStore | null;
  now(): number;
}

const SECRET_SETTING = /url|token|secret|password|passphrase|key|webhook/i;

export function secretAccount(name: string, setting: string): string {
  return `channel-import:${name.toLowerCase()}:${setting}`;
}

/** The importer the engine and the CLI use. The channels module replaces this body. */
export function createChannelImporter(ctx: ChannelImporterContext): ChannelImporter {
  return {
    async importChannels(list) {
      const imported: string[] = [];
      const skipped: ChannelImportResult['skipped'] = [];
      const rows = [];
      for (const { name, type, ...settings } of list) {
        const secretFields = Object.keys(settings).filter((k) => SECRET_SETTING.test(k) && typeof settings[k] === 'string');
        if (secretFields.length && !ctx.secrets) {
          skipped.push({ name, reason: 'NO_SECRET_STORE' });
          continue;
        }
        for (const field of secretFields) await ctx.secrets!.set(secretAccount(name, field), String(settings[field]));
        const plain = Object.fromEntries(Object.entries(settings).filter(([k]) => !secretFields.includes(k)));
        rows.push({ name, type, settings: plain, secretFields, importedAt: ctx.now() });
        imported.push(name);
      }
      ctx.store.putChannelImports(rows);
      return { imported, skipped };
    },
    async exportChannels() {
      return ctx.store.listChannelImports().map((c) => ({ name: c.name, type: c.type, ...c.settings }));
    },
    resolveChannelIds(names) {
      // The fallback has no channel ids of its own: names stand in for them.
      const known = new Set(ctx.store.listChannelImports().map((c) => c.name.toLowerCase()));
      return names.filter((n) => known.has(n.toLowerCase()));
    },
  };
}

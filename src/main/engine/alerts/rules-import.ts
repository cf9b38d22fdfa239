// Importing and exporting a rules file, the same way for the console and the CLI: the rules go
// to the alert tables, the settings merge into the stored ones, the channels go to the channels
// module through the ChannelImporter, and the revision moves so a running engine reloads.
import type { RulesFileResult } from '../../../shared/alerts';
import type { Logger } from '../core/logger';
import type { Store } from '../store';
import { alertSettingsSchema } from '../../../shared/contract/alerts-schemas';
import type { ChannelImporter } from './channel-import';
import { bumpRevision, readRuleRecords, readSettings, saveImportedRules, SETTINGS_KEY } from './alerts-config';
import { parseRulesFile, writeRulesFile } from './rules-file';

type ConfigStore = Pick<Store, 'alerts' | 'getSetting' | 'setSetting'>;

export async function importRulesText(text: string, store: ConfigStore, channels: ChannelImporter, logger: Logger, now: number): Promise<RulesFileResult> {
  // Everything is checked before anything is written: a file with one bad line changes nothing.
  const file = parseRulesFile(text);
  const settings = file.settings ? alertSettingsSchema.parse({ ...readSettings(store, logger), ...file.settings }) : null;
  const rules = saveImportedRules(store, logger, file.rules, now);
  if (settings) store.setSetting(SETTINGS_KEY, settings);
  const imported = file.channels.length ? await channels.importChannels(file.channels) : { imported: [], skipped: [] };
  bumpRevision(store);
  logger.log('info', 'alert-rules-imported', { ...Object.fromEntries(Object.entries(rules).map(([k, v]) => [k, v.length])), channels: imported.imported.length });
  return { rules, channels: imported };
}

/**
 * The file an export writes: the organisation's rules and its versions of shipped ones (the
 * shipped ones come with every OpsDeck), its channels and its settings.
 */
export async function exportRulesText(store: ConfigStore, channels: ChannelImporter, logger: Logger): Promise<string> {
  const records = readRuleRecords(store, logger).filter((r) => r.origin !== 'default');
  return writeRulesFile(
    records.map((r) => r.rule),
    await channels.exportChannels(),
    readSettings(store, logger),
  );
}

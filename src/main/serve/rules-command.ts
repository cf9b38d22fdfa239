// `opsdeck rules import FILE | export [--out FILE]`: rules and channels as a YAML file, written
// straight into the data folder's database. A running serve (or desktop app) checks the alert
// configuration's revision every 2 s and loads the imported rules by itself.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { OpsError } from '../../shared/errors';
import { defaultDataDir } from '../engine/core/paths';
import type { ChannelImporter } from '../engine/alerts/channel-import';
import type { ChannelsModule } from '../engine/notify/channels-module';

export const RULES_USAGE = `  opsdeck rules import FILE
      Import alert rules (and notification channels) from a YAML file; a running console picks
      them up within seconds. A problem names its line, and nothing is changed.
  opsdeck rules export [--out FILE]
      Print the organisation's rules, channels and alert settings as YAML (or write them to FILE).`;

export interface RulesIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

const USE = 'Use "opsdeck rules import FILE" or "opsdeck rules export [--out FILE]".';

export async function rulesCommand(args: string[], io: RulesIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { out: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch {
    throw new OpsError('BAD_FLAG', USE);
  }
  const [action, ...rest] = parsed.positionals;
  if (action === 'import' && (rest.length !== 1 || parsed.values.out !== undefined)) throw new OpsError('BAD_FLAG', 'Name one file to import: "opsdeck rules import rules.yaml".');
  if (action === 'export' && rest.length) throw new OpsError('BAD_FLAG', '"rules export" takes no file name; write it with --out FILE.');
  if (action !== 'import' && action !== 'export') throw new OpsError('BAD_FLAG', USE);

  let text = '';
  if (action === 'import') {
    try {
      text = fs.readFileSync(rest[0]!, 'utf8');
    } catch (err) {
      throw new OpsError('NOT_FOUND', `Cannot read "${rest[0]}": ${(err as NodeJS.ErrnoException).code ?? String(err)}.`);
    }
  }
  const [{ openStore }, { createSecretStore, memorySecretStore }, { systemClock }, { nullLogger }, { createChannelsModule }, { rulesChannelImporter }, { exportRulesText, importRulesText }] = await Promise.all([
    import('../engine/store'),
    import('../engine/secrets'),
    import('../engine/core/clock'),
    import('../engine/core/logger'),
    import('../engine/notify/channels-module'),
    import('../engine/notify/rules-channels'),
    import('../engine/alerts/rules-import'),
  ]);
  const dataDir = defaultDataDir(io.env);
  const store = openStore({ dataDir, clock: systemClock, logger: nullLogger });
  // The same channels as the console's (settings in SQLite, secrets in the keychain), without
  // delivering: the running console owns the outbox.
  const module = createChannelsModule({ clock: systemClock, logger: nullLogger, emit: () => {}, emitDesktop: () => 0 });
  const needsSecrets = action === 'export' || /\n\s*channels\s*:/.test(`\n${text}`);
  const secrets = needsSecrets ? await createSecretStore({ logger: nullLogger, dataDir }) : memorySecretStore('a rules file without channels needs none');
  module.attach(store.channels, secrets, { deliver: false });
  const importer = rulesChannelImporter(module, nullLogger);
  try {
    if (action === 'export') {
      const content = await exportRulesText(store, importer, nullLogger);
      if (parsed.values.out !== undefined) {
        fs.writeFileSync(parsed.values.out, content, { mode: 0o600 });
        io.out(`Wrote the rules to ${parsed.values.out}.`);
      } else io.out(content.trimEnd());
      return 0;
    }
    // A secret kept only in this process's memory would be gone when it exits: such channels wait.
    const channels = secrets.info.persistent ? importer : withoutSecretChannels(importer, module);
    const result = await importRulesText(text, store, channels, nullLogger, Date.now());
    const { added, updated, unchanged } = result.rules;
    io.out(`Rules: ${added.length} added, ${updated.length} updated, ${unchanged.length} unchanged.${added.length + updated.length ? ` (${[...added, ...updated].join(', ')})` : ''}`);
    if (result.channels.imported.length) io.out(`Channels: ${result.channels.imported.join(', ')}.`);
    for (const s of result.channels.skipped) {
      io.err(`opsdeck: note: channel "${s.name}" was not imported (${s.reason === 'NO_SECRET_STORE' ? 'no keychain to keep its address or token in; add it in Settings > Channels' : s.reason}).`);
    }
    io.out(`Saved in ${store.path}; a running OpsDeck loads them within a few seconds.`);
    return 0;
  } catch (err) {
    const issues = (err as { issues?: Array<{ line: number | null; path: string; message: string }> }).issues;
    if (issues && issues.length > 1) for (const i of issues.slice(1)) io.err(`opsdeck: RULES_INVALID: line ${i.line ?? '?'} (${i.path}): ${i.message}`);
    throw err;
  } finally {
    module.detach();
    store.close();
  }
}

/** Imports only channels that carry no secret; the others are reported as NO_SECRET_STORE. */
function withoutSecretChannels(importer: ChannelImporter, module: ChannelsModule): ChannelImporter {
  return {
    ...importer,
    async importChannels(list) {
      const keep = [];
      const skipped: Array<{ name: string; reason: string }> = [];
      for (const entry of list) {
        const type = module.typeOf(String(entry.type));
        if (type?.secretFields.some((f) => entry[f] !== undefined && entry[f] !== null)) skipped.push({ name: entry.name, reason: 'NO_SECRET_STORE' });
        else keep.push(entry);
      }
      const result = keep.length ? await importer.importChannels(keep) : { imported: [], skipped: [] };
      return { imported: result.imported, skipped: [...skipped, ...result.skipped] };
    },
  };
}

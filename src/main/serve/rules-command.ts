// `opsdeck rules import FILE | export [--out FILE]`: rules and channels as a YAML file, written
// straight into the data folder's database. A running serve (or desktop app) checks the alert
// configuration's revision every 2 s and loads the imported rules by itself.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { OpsError } from '../../shared/errors';
import { defaultDataDir } from '../engine/core/paths';

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
  const [{ openStore }, { createSecretStore }, { systemClock }, { nullLogger }, { createChannelImporter }, { exportRulesText, importRulesText }] = await Promise.all([
    import('../engine/store'),
    import('../engine/secrets'),
    import('../engine/core/clock'),
    import('../engine/core/logger'),
    import('../engine/alerts/channel-import'),
    import('../engine/alerts/rules-import'),
  ]);
  const dataDir = defaultDataDir(io.env);
  const store = openStore({ dataDir, clock: systemClock, logger: nullLogger });
  try {
    if (action === 'export') {
      const channels = createChannelImporter({ store: store.alerts, secrets: null, now: () => Date.now() });
      const content = await exportRulesText(store, channels, nullLogger);
      if (parsed.values.out !== undefined) {
        fs.writeFileSync(parsed.values.out, content, { mode: 0o600 });
        io.out(`Wrote the rules to ${parsed.values.out}.`);
      } else io.out(content.trimEnd());
      return 0;
    }
    // Channel addresses and tokens are secrets: the keychain (or the sealed file) keeps them.
    const secrets = /\n\s*channels\s*:/.test(`\n${text}`) ? await createSecretStore({ logger: nullLogger, dataDir }) : null;
    const channels = createChannelImporter({ store: store.alerts, secrets: secrets && secrets.info.persistent ? secrets : null, now: () => Date.now() });
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
    store.close();
  }
}

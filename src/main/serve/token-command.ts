// `opsdeck token show | rotate [--viewer | --operator]`: prints or replaces serve's access
// tokens in the data folder. A running serve notices a rotation by itself: pages and sockets
// holding an old token are turned away within seconds.
import { parseArgs } from 'node:util';
import { OpsError } from '../../shared/errors';
import { defaultDataDir } from '../engine/core/paths';
import { ensureTokens, rotateTokens, tokenFile } from './tokens';

export const TOKEN_USAGE = `  opsdeck token show
      Print the access tokens of "opsdeck serve" (operator: everything; viewer: the read-only wall).
  opsdeck token rotate [--viewer | --operator]
      Replace both tokens, or only one; links with the old token stop working.`;

export interface TokenIo {
  out(text: string): void;
  env: NodeJS.ProcessEnv;
}

export function tokenCommand(args: string[], io: TokenIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { viewer: { type: 'boolean' }, operator: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch {
    throw new OpsError('BAD_FLAG', 'Use "opsdeck token show" or "opsdeck token rotate [--viewer | --operator]".');
  }
  const [action, ...extra] = parsed.positionals;
  if (extra.length || (action !== 'show' && action !== 'rotate')) throw new OpsError('BAD_FLAG', 'Use "opsdeck token show" or "opsdeck token rotate [--viewer | --operator]".');
  const dataDir = defaultDataDir(io.env);
  const { viewer, operator } = parsed.values;
  if (action === 'show' && (viewer || operator)) throw new OpsError('BAD_FLAG', '"token show" takes no flags.');
  if (viewer && operator) throw new OpsError('BAD_FLAG', 'Give --viewer or --operator, or neither to replace both.');
  const tokens = action === 'show' ? ensureTokens(dataDir) : rotateTokens(dataDir, viewer ? 'viewer' : operator ? 'operator' : 'all');
  if (action === 'rotate') io.out(`Replaced ${viewer ? 'the viewer token' : operator ? 'the operator token' : 'both tokens'} in ${tokenFile(dataDir)}.`);
  io.out(`Operator (console): ?token=${tokens.operator}`);
  io.out(`Viewer (read-only wall): ?mode=wall&token=${tokens.viewer}`);
  io.out('Add these to the address serve prints, e.g. http://127.0.0.1:7420/?token=...');
  return 0;
}

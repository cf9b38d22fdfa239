// Which links leave the app for the OS browser. shell.openExternal hands a URL to whatever the
// OS registered for its scheme, so only https goes, without credentials, and only to addresses
// OpsDeck itself shows as links: the sources of glossary entries (built-in and the team's own).
import { METHOD_CHANNELS, type RpcResult } from '../../shared/api';
import type { GlossaryRecord } from '../../shared/glossary-contract';
import type { Logger } from '../engine/core/logger';

/** https, a host name, no user or password in it. The normalised href, or null. */
export function normaliseExternalUrl(candidate: string): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}

export interface ExternalLinkPolicy {
  isAllowed(url: string): Promise<boolean>;
}

/** The allowlist is read from the engine when a link is clicked, so a term saved a moment ago counts. */
export function createGlossaryLinkPolicy(invoke: (channel: string, arg: unknown) => Promise<RpcResult>, logger: Logger): ExternalLinkPolicy {
  return {
    async isAllowed(candidate) {
      const href = normaliseExternalUrl(candidate);
      if (href === null) return false;
      const result = await invoke(METHOD_CHANNELS.listGlossary, undefined);
      if (!result.ok) {
        logger.log('warn', 'external-link-unchecked', { code: result.error.code });
        return false;
      }
      const records = result.value as GlossaryRecord[];
      return records.some((r) => normaliseExternalUrl(r.entry.source?.url ?? '') === href);
    },
  };
}

/** Until the engine is up, nothing is allowed. */
export const NO_EXTERNAL_LINKS: ExternalLinkPolicy = { isAllowed: async () => false };

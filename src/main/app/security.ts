// Secure defaults for every page OpsDeck shows: the one CSP, no permissions, no navigation or
// redirects, no new windows. Allowlisted https links open in the OS browser; nothing else leaves.
import { app, session, shell, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { nullLogger, type Logger } from '../engine/core/logger';
import { NO_EXTERNAL_LINKS, type ExternalLinkPolicy } from './external-links';

export { CONTENT_SECURITY_POLICY };

export interface SecurityOptions {
  /** Asked for every link a page tries to open; the engine-backed policy is set once it runs. */
  externalLinks: () => ExternalLinkPolicy;
  logger: Logger;
}

const defaults: SecurityOptions = { externalLinks: () => NO_EXTERNAL_LINKS, logger: nullLogger };

/** Scheme and host only: a refused link's path or query may carry a token. */
function linkOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`.slice(0, 200);
  } catch {
    return 'unparseable';
  }
}

function openInBrowser(url: string, opts: SecurityOptions): void {
  opts
    .externalLinks()
    .isAllowed(url)
    .then((allowed) => {
      if (allowed) return shell.openExternal(url);
      opts.logger.log('warn', 'external-link-refused', { origin: linkOrigin(url) });
      return undefined;
    })
    .catch(() => undefined);
}

/**
 * The CSP header on every response that passes the session's web request (app:// already
 * carries it; the dev server does not), replacing any weaker one.
 */
export function applySessionSecurity(ses: Session): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });
  // An operations console needs no camera, location, notifications-by-page or USB access.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** Applied to every WebContents the app creates (windows, and anything a bug might spawn). */
export function hardenWebContents(contents: WebContents, opts: SecurityOptions = defaults): void {
  // The renderer routes by hash (no navigation); a redirect could carry a page elsewhere just the same.
  const leave = (event: { url: string; preventDefault(): void }) => {
    event.preventDefault();
    openInBrowser(event.url, opts);
  };
  contents.on('will-navigate', leave);
  contents.on('will-redirect', leave);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url, opts);
    return { action: 'deny' };
  });
}

export function setupSecurity(opts: SecurityOptions = defaults): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, opts));
  app.whenReady().then(() => applySessionSecurity(session.defaultSession), () => undefined);
}

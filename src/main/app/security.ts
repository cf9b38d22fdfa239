// Secure defaults for every page OpsDeck shows: a strict CSP, no permissions, no navigation,
// no new windows. External https links open in the OS browser, nothing else leaves the app.
import { app, session, shell, type Session, type WebContents } from 'electron';

/**
 * Same directives as the <meta http-equiv="Content-Security-Policy"> in src/renderer/index.html
 * (both apply to the dev server, so they must agree), plus frame-ancestors, which a meta
 * tag cannot carry.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function isExternalHttpsUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

function openInBrowser(url: string): void {
  if (isExternalHttpsUrl(url)) void shell.openExternal(url).catch(() => undefined);
}

/** CSP header on every non-file response (the dev server); file:// pages rely on the meta tag. */
export function applySessionSecurity(ses: Session): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (details.url.startsWith('file:')) {
      callback({});
      return;
    }
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
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openInBrowser(event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url);
    return { action: 'deny' };
  });
}

export function setupSecurity(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.whenReady().then(() => applySessionSecurity(session.defaultSession), () => undefined);
}

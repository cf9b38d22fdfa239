// The one Content-Security-Policy of every page OpsDeck shows: sent as a header by the desktop
// shell's app:// protocol and by `opsdeck serve`, and written into index.html at build time
// (electron.vite.config.ts). Plain strings and no imports, so the build config can load it too.

/** Each directive once; the renderer loads nothing from anywhere but its own origin. */
export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  // React and echarts set element styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  // 'self' covers serve's WebSocket on the page's own host and port.
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** Directives a <meta> tag cannot carry (browsers ignore them there): header only. */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'sandbox'];

/** The response header's value. */
export const CONTENT_SECURITY_POLICY: string = CSP_DIRECTIVES.join('; ');

/** The same policy for `<meta http-equiv="Content-Security-Policy">`, without the header-only directives. */
export const META_CONTENT_SECURITY_POLICY: string = CSP_DIRECTIVES.filter((d) => !HEADER_ONLY.includes(d.split(' ')[0]!)).join('; ');

/** The meta tag as the build writes it into index.html. */
export const CSP_META_TAG = `<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}" />`;

// A fresh RegExp per use: a shared global one would carry lastIndex from call to call.
const cspMetaPattern = () => /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/gi;
export const CSP_META_PLACEHOLDER = '<!-- opsdeck:csp -->';

/**
 * index.html with the policy written in at its placeholder. Throws when the page has no
 * placeholder or carries a CSP of its own, so a second, diverging copy cannot creep back in.
 */
export function withCspMetaTag(html: string): string {
  if (cspMetaPattern().test(html)) throw new Error('index.html must not carry its own Content-Security-Policy: the build writes it from src/shared/csp.ts.');
  if (!html.includes(CSP_META_PLACEHOLDER)) throw new Error(`index.html needs the placeholder ${CSP_META_PLACEHOLDER} where the build writes the Content-Security-Policy.`);
  return html.replace(CSP_META_PLACEHOLDER, CSP_META_TAG);
}

/** The CSP meta tags' contents in a page, in order (for checks of the built page). */
export function cspMetaContents(html: string): string[] {
  const contents: string[] = [];
  for (const tag of html.match(cspMetaPattern()) ?? []) {
    const content = /content=(["'])(.*?)\1/i.exec(tag)?.[2];
    if (content !== undefined) contents.push(content);
  }
  return contents;
}

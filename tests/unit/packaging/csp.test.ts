import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY as SERVE_CSP } from '../../../src/main/serve/static-files';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, cspMetaContents, META_CONTENT_SECURITY_POLICY, withCspMetaTag } from '../../../src/shared/csp';

const repo = path.resolve(__dirname, '../../..');
const sourceHtml = fs.readFileSync(path.join(repo, 'src/renderer/index.html'), 'utf8');
const directives = (csp: string) => csp.split(';').map((d) => d.trim()).filter(Boolean).sort();

describe('one Content-Security-Policy', () => {
  it('serve sends the module\'s policy', () => {
    expect(SERVE_CSP).toBe(CONTENT_SECURITY_POLICY);
  });

  it('index.html carries no policy of its own, only the placeholder the build fills', () => {
    expect(cspMetaContents(sourceHtml)).toEqual([]);
    expect(sourceHtml).toContain('<!-- opsdeck:csp -->');
  });

  it('the page the build makes has exactly the module\'s policy, less what a meta tag cannot carry', () => {
    const built = withCspMetaTag(sourceHtml);
    expect(cspMetaContents(built)).toEqual([META_CONTENT_SECURITY_POLICY]);
    expect(directives(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`)).toEqual(directives(CONTENT_SECURITY_POLICY));
  });

  it('the built index.html in out/ matches the module (when a build exists)', () => {
    const built = path.join(repo, 'out/renderer/index.html');
    // `npm test` builds first; a bare `vitest run` on a fresh clone has nothing to compare.
    if (!fs.existsSync(built)) return;
    expect(cspMetaContents(fs.readFileSync(built, 'utf8'))).toEqual([META_CONTENT_SECURITY_POLICY]);
  });

  it('refuses a page that brings its own policy, so a second copy cannot creep back', () => {
    const rogue = sourceHtml.replace('<!-- opsdeck:csp -->', `<meta http-equiv="Content-Security-Policy" content="default-src *" />`);
    expect(() => withCspMetaTag(rogue)).toThrow(/must not carry its own/);
    expect(() => withCspMetaTag('<html><head></head></html>')).toThrow(/placeholder/);
  });

  it('is strict: scripts only from the app, no objects, no base or form targets, no framing', () => {
    expect(CSP_DIRECTIVES).toEqual(expect.arrayContaining(["script-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'", "default-src 'self'"]));
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/);
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    expect(new Set(CSP_DIRECTIVES.map((d) => d.split(' ')[0])).size).toBe(CSP_DIRECTIVES.length);
  });
});

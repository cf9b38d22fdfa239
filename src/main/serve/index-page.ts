// index.html with the first data in it. Everything up to </body> is sent at once, so the browser
// fetches and compiles the scripts (module scripts run only once the document is complete)
// while this computer's first poll finishes; then the data block and the rest follow. Never
// cached: the page carries live readings. A request without a valid token gets the same page
// with no data at all and the "where is my link" notice in place of the console.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bootDataElement, type BootData } from '../../shared/boot-data';
import { securityHeaders } from './static-files';
import { TOKENLESS_NOTICE_HTML } from './tokenless-notice';

export type BootDataSource = () => Promise<BootData | null>;

const ROOT_ELEMENT = /<div id="root">[\s\S]*?<\/div>\s*<\/div>|<div id="root"><\/div>/;

/** The page for a request without a token: the notice inside #root, no data block. */
export function tokenlessPage(html: string): string {
  return ROOT_ELEMENT.test(html) ? html.replace(ROOT_ELEMENT, `<div id="root">${TOKENLESS_NOTICE_HTML}</div>`) : html;
}

export function createIndexPageHandler(root: string, bootData: BootDataSource, authorized: (req: IncomingMessage) => boolean = () => true) {
  const file = path.join(path.resolve(root), 'index.html');
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let html: string;
    try {
      html = await fs.readFile(file, 'utf8');
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() }).end('Not found');
      return;
    }
    const withData = authorized(req);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...securityHeaders() });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (!withData) {
      res.end(tokenlessPage(html));
      return;
    }
    const cut = html.lastIndexOf('</body>');
    if (cut < 0) {
      res.end(html);
      return;
    }
    res.write(html.slice(0, cut));
    const data = await bootData().catch(() => null);
    res.end(`${data ? bootDataElement(data) : ''}${html.slice(cut)}`);
  };
}

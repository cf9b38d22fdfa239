// index.html with the first data in it. Everything up to </body> is sent at once, so the browser
// fetches and compiles the scripts (module scripts run only once the document is complete)
// while this computer's first poll finishes; then the data block and the rest follow. Never
// cached: the page carries live readings.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bootDataElement, type BootData } from '../../shared/boot-data';
import { securityHeaders } from './static-files';

export type BootDataSource = () => Promise<BootData | null>;

export function createIndexPageHandler(root: string, bootData: BootDataSource) {
  const file = path.join(path.resolve(root), 'index.html');
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let html: string;
    try {
      html = await fs.readFile(file, 'utf8');
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() }).end('Not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...securityHeaders() });
    if (req.method === 'HEAD') {
      res.end();
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

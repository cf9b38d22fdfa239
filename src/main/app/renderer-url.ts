// Where the renderer comes from, and whether a URL is ours. The IPC host trusts only frames
// showing this location, so a frame that navigated elsewhere cannot reach the engine.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type RendererLocation = { kind: 'file'; file: string } | { kind: 'dev'; url: string };

/**
 * The built index.html next to out/main, or electron-vite's dev server. The dev URL is
 * honoured only when unpackaged: an environment variable must never point a shipped app at
 * a page that would then get the API.
 */
export function resolveRenderer(opts: { mainDir: string; isPackaged: boolean; env: NodeJS.ProcessEnv }): RendererLocation {
  const devUrl = opts.env.ELECTRON_RENDERER_URL;
  if (!opts.isPackaged && devUrl && /^https?:\/\//.test(devUrl)) return { kind: 'dev', url: devUrl };
  return { kind: 'file', file: path.join(opts.mainDir, '../renderer/index.html') };
}

/** The address a window loads, with the renderer's query (e.g. mode=wall). */
export function rendererUrl(location: RendererLocation, query: Record<string, string> = {}): string {
  const url = location.kind === 'file' ? pathToFileURL(location.file) : new URL(location.url);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}

export function isRendererUrl(location: RendererLocation, candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (location.kind === 'dev') return url.origin === new URL(location.url).origin;
  if (url.protocol !== 'file:' || url.host !== '') return false;
  try {
    return path.resolve(fileURLToPath(url)) === path.resolve(location.file);
  } catch {
    return false;
  }
}

// Where the renderer comes from, and whether a URL is ours. The IPC host trusts only frames
// showing this location, so a frame that navigated elsewhere cannot reach the engine.
import path from 'node:path';
import { appIndexUrl, isAppIndexUrl } from './app-protocol';

/** The built bundle served at app://opsdeck/, or electron-vite's dev server. */
export type RendererLocation = { kind: 'app'; root: string } | { kind: 'dev'; url: string };

/**
 * The built renderer next to out/main, or electron-vite's dev server. The dev URL is
 * honoured only when unpackaged: an environment variable must never point a shipped app at
 * a page that would then get the API.
 */
export function resolveRenderer(opts: { mainDir: string; isPackaged: boolean; env: NodeJS.ProcessEnv }): RendererLocation {
  const devUrl = opts.env.ELECTRON_RENDERER_URL;
  if (!opts.isPackaged && devUrl && /^https?:\/\//.test(devUrl)) return { kind: 'dev', url: devUrl };
  return { kind: 'app', root: path.join(opts.mainDir, '../renderer') };
}

/** The address a window loads, with the renderer's query (e.g. mode=wall). */
export function rendererUrl(location: RendererLocation, query: Record<string, string> = {}): string {
  if (location.kind === 'app') return appIndexUrl(query);
  const url = new URL(location.url);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  return url.href;
}

export function isRendererUrl(location: RendererLocation, candidate: string): boolean {
  if (location.kind === 'app') return isAppIndexUrl(candidate);
  try {
    return new URL(candidate).origin === new URL(location.url).origin;
  } catch {
    return false;
  }
}

// Registers app:// with Electron: the scheme's privileges before 'ready' (Electron refuses them
// later), the handler once ready. The handler itself is in app-protocol.ts, free of Electron.
import { protocol } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** Serves the renderer bundle at `root` (out/renderer, inside app.asar when packaged). */
export function handleAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root));
}

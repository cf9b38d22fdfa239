import type { OpsApi } from '../../../shared/api';
import type { AccessState } from './access-token';
import type { OpenedFile, ShellLanguage } from '../../../shared/desktop-shell';
import type { EngineRestart } from './engine-link';
import type { ReadableValue } from './observable';

/**
 * connecting: not connected yet (first attempts); the screens show their loading state.
 * connected: requests flow. reconnecting: an established link dropped and we are retrying.
 * offline: several attempts in a row failed; calls fail fast with UNAVAILABLE while retries
 * continue in the background.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** What the rest of the renderer gets from api/: the contract plus the state of the link. */
export interface OpsClient {
  api: OpsApi;
  hostKind: 'electron' | 'browser';
  connection: ReadableValue<ConnectionState>;
  /** Whether this page may talk to the engine at all (serve's token); always 'ok' in Electron. */
  access: ReadableValue<AccessState>;
  /** Desktop app: the engine process crashed and is being restarted; null otherwise. */
  engineRestart: ReadableValue<EngineRestart | null>;
  /** Skips the backoff wait and tries to connect (or restart the engine) now: the Retry button. */
  reconnectNow(): void;
  /** Desktop app: tells the shell the UI language (its tray speaks it too). */
  reportLanguage(language: ShellLanguage): void;
  /** Desktop app: files the OS asked OpsDeck to open. */
  onOpenFile(listener: (file: OpenedFile) => void): () => void;
}

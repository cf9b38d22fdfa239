// What the desktop shell itself (not the engine) tells a window and hears from it. Not part of
// OpsApi: `opsdeck serve` has no shell, and its socket state already says when the engine is
// out of reach. In Electron the link to the engine runs through a utility process the main
// process restarts, and this is how a window learns about it. The preload exposes it as
// `window.opsdeckShell`; the main process answers only OpsDeck's own windows.

/** The engine's utility process, as the main process sees it. */
export type EngineLinkStatus =
  | { state: 'starting' }
  | { state: 'running' }
  /** It exited unexpectedly; the next start is `retryInMs` away (attempt 1, 2, ... since it last ran well). */
  | { state: 'restarting'; attempt: number; retryInMs: number; exitCode: number }
  | { state: 'stopped' };

export type ShellLanguage = 'ko' | 'en';

/** A file the OS asked OpsDeck to open (a double-clicked export), for the screen that imports it. */
export interface OpenedFile {
  kind: 'playbook' | 'glossary';
  /** The file's name, without its folder. */
  name: string;
  /** Empty when `error` is set. */
  content: string;
  /** Why it could not be read: over the import limit, or missing/unreadable. */
  error?: 'TOO_LARGE' | 'UNREADABLE';
}

export interface DesktopShell {
  /** Called with the current status at once, then with every change. */
  onEngineStatus(listener: (status: EngineLinkStatus) => void): () => void;
  /** Skips the wait of a pending restart (the banner's Retry button). */
  restartEngineNow(): Promise<void>;
  /** The UI language, so the tray and its menu speak it too. */
  setLanguage(language: ShellLanguage): Promise<void>;
  /** Files opened through the OS (at launch or later), each delivered once. */
  onOpenFile(listener: (file: OpenedFile) => void): () => void;
}

export const SHELL_CHANNELS = {
  /** main -> window: EngineLinkStatus */
  engineStatus: 'opsdeck-shell:engine-status',
  /** window -> main (invoke): current EngineLinkStatus */
  getEngineStatus: 'opsdeck-shell:get-engine-status',
  /** window -> main (invoke) */
  restartEngineNow: 'opsdeck-shell:restart-engine-now',
  /** window -> main (invoke): ShellLanguage */
  setLanguage: 'opsdeck-shell:set-language',
  /** main -> window: a file is waiting; the window then takes it */
  fileWaiting: 'opsdeck-shell:file-waiting',
  /** window -> main (invoke): the next OpenedFile, or null */
  takeOpenedFile: 'opsdeck-shell:take-opened-file',
} as const;

export function isShellLanguage(value: unknown): value is ShellLanguage {
  return value === 'ko' || value === 'en';
}

export function isEngineLinkStatus(value: unknown): value is EngineLinkStatus {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  if (s.state === 'starting' || s.state === 'running' || s.state === 'stopped') return true;
  return s.state === 'restarting' && typeof s.attempt === 'number' && typeof s.retryInMs === 'number' && typeof s.exitCode === 'number';
}

export function isOpenedFile(value: unknown): value is OpenedFile {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  const error = f.error === undefined || f.error === 'TOO_LARGE' || f.error === 'UNREADABLE';
  return (f.kind === 'playbook' || f.kind === 'glossary') && typeof f.name === 'string' && typeof f.content === 'string' && error;
}

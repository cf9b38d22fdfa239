// The main process's side of window.opsdeckShell (src/shared/desktop-shell.ts): the engine's
// status to every window of ours, Retry and the UI language from them, and files the OS opened.
// Like the IPC host, it answers only the main frame of our windows showing our renderer.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { Unsubscribe } from '../../shared/api';
import { isShellLanguage, SHELL_CHANNELS, type EngineLinkStatus, type OpenedFile, type ShellLanguage } from '../../shared/desktop-shell';
import type { Logger } from '../engine/core/logger';
import { isTrustedSender } from './ipc-host';
import type { OpenedFileQueue } from './opened-files';

export interface ShellHostEngine {
  readonly currentStatus: EngineLinkStatus;
  onStatus(listener: (status: EngineLinkStatus) => void): Unsubscribe;
  restartNow(): void;
}

export interface ShellHostOptions {
  engine: ShellHostEngine;
  windows: () => BrowserWindow[];
  isRendererUrl: (url: string) => boolean;
  openedFiles: OpenedFileQueue;
  onLanguage: (language: ShellLanguage) => void;
  logger: Logger;
}

export function setupShellHost(opts: ShellHostOptions): () => void {
  const trusted = (event: IpcMainInvokeEvent, channel: string): boolean => {
    if (isTrustedSender(event, opts)) return true;
    opts.logger.log('warn', 'ipc-forbidden', { channel });
    return false;
  };
  const sendToOurs = (channel: string, payload?: unknown) => {
    for (const win of opts.windows()) {
      const contents = win.webContents;
      if (win.isDestroyed() || contents.isDestroyed() || !opts.isRendererUrl(contents.getURL())) continue;
      contents.send(channel, payload);
    }
  };

  ipcMain.handle(SHELL_CHANNELS.getEngineStatus, (event): EngineLinkStatus | null => (trusted(event, SHELL_CHANNELS.getEngineStatus) ? opts.engine.currentStatus : null));
  ipcMain.handle(SHELL_CHANNELS.restartEngineNow, (event) => {
    if (trusted(event, SHELL_CHANNELS.restartEngineNow)) opts.engine.restartNow();
  });
  ipcMain.handle(SHELL_CHANNELS.setLanguage, (event, language: unknown) => {
    if (trusted(event, SHELL_CHANNELS.setLanguage) && isShellLanguage(language)) opts.onLanguage(language);
  });
  ipcMain.handle(SHELL_CHANNELS.takeOpenedFile, (event): OpenedFile | null => (trusted(event, SHELL_CHANNELS.takeOpenedFile) ? opts.openedFiles.take() : null));

  const stopStatus = opts.engine.onStatus((status) => sendToOurs(SHELL_CHANNELS.engineStatus, status));
  const stopFiles = opts.openedFiles.onPush(() => sendToOurs(SHELL_CHANNELS.fileWaiting));

  return () => {
    stopStatus();
    stopFiles();
    for (const channel of [SHELL_CHANNELS.getEngineStatus, SHELL_CHANNELS.restartEngineNow, SHELL_CHANNELS.setLanguage, SHELL_CHANNELS.takeOpenedFile]) ipcMain.removeHandler(channel);
  };
}

/** The channels this host handles (the lifecycle test lists every handler of the main process). */
export const SHELL_INVOKE_CHANNELS: readonly string[] = [SHELL_CHANNELS.getEngineStatus, SHELL_CHANNELS.restartEngineNow, SHELL_CHANNELS.setLanguage, SHELL_CHANNELS.takeOpenedFile];

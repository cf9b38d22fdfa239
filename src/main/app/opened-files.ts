// Files the OS hands OpsDeck: a double-clicked playbook or glossary export arrives as a launch
// argument (Windows, Linux; also in a second launch's argv) or as macOS's open-file event. They
// wait here until a window takes them; nothing is imported until the person confirms there.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { OpenedFile } from '../../shared/desktop-shell';
import { opsDeckFileKind } from '../../shared/file-types';

/** The glossary's import limit (GLOSSARY_IMPORT_MAX_BYTES) is the larger of the two. */
export const OPENED_FILE_MAX_BYTES = 5 * 1024 * 1024;

/** Arguments naming an OpsDeck file (never a flag), in order. */
export function openedFilePaths(argv: readonly string[]): string[] {
  return argv.filter((arg) => !arg.startsWith('-') && opsDeckFileKind(arg) !== null);
}

export async function readOpenedFile(file: string): Promise<OpenedFile | null> {
  const kind = opsDeckFileKind(file);
  if (!kind) return null;
  const name = path.basename(file);
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return { kind, name, content: '', error: 'UNREADABLE' };
    if (stat.size > OPENED_FILE_MAX_BYTES) return { kind, name, content: '', error: 'TOO_LARGE' };
    return { kind, name, content: await fs.readFile(file, 'utf8') };
  } catch {
    return { kind, name, content: '', error: 'UNREADABLE' };
  }
}

export class OpenedFileQueue {
  private readonly files: OpenedFile[] = [];
  private readonly listeners = new Set<() => void>();

  push(file: OpenedFile): void {
    // A person double-clicking many files gets the last ten; older ones are dropped.
    this.files.push(file);
    if (this.files.length > 10) this.files.shift();
    for (const listener of this.listeners) listener();
  }

  take(): OpenedFile | null {
    return this.files.shift() ?? null;
  }

  get size(): number {
    return this.files.length;
  }

  onPush(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

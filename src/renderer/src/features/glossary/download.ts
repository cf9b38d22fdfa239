// Saves text as a file through a Blob link: works the same in Electron and in any browser, and
// needs no file-system access from the page.
import type { GlossaryExportFile } from '../../../../shared/glossary-contract';

export function downloadFile(file: GlossaryExportFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mime }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; keep the URL a little longer for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Picks the exchange format from a file name, or null for anything else. */
export function formatOfFile(name: string): 'json' | 'csv' | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  return null;
}

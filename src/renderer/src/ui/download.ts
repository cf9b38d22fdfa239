// Saves text the engine produced (Markdown, CSV, a playbook) as a file the browser downloads.
// Works the same in Electron and in a browser: a Blob URL on a temporary link.

export interface TextFile {
  filename: string;
  mime: string;
  content: string;
}

export function downloadTextFile(file: TextFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mime }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked a little later: some browsers start the download only after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a file a person picked, as text (UTF-8). */
export function readTextFile(file: Blob): Promise<string> {
  return file.text();
}

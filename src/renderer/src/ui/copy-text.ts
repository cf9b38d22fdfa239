// One-click copy. The Clipboard API needs permission (and a secure context); where it is
// refused, the caller falls back to showing the text selected so Ctrl+C works (select-copy.ts).

export type CopyOutcome = 'copied' | 'select';

/** The part of navigator this needs; the clipboard is missing outside secure contexts. */
export interface ClipboardHost {
  clipboard?: { writeText(text: string): Promise<void> };
}

const browserNavigator = (): ClipboardHost | undefined => (globalThis as { navigator?: ClipboardHost }).navigator;

export async function copyText(text: string, nav: ClipboardHost | undefined = browserNavigator()): Promise<CopyOutcome> {
  try {
    if (!nav?.clipboard?.writeText) return 'select';
    await nav.clipboard.writeText(text);
    return 'copied';
  } catch {
    return 'select';
  }
}

/** Selects a text field's content and tries the old copy command; true when the browser copied it. */
export function selectAndCopy(field: HTMLTextAreaElement): boolean {
  field.focus();
  field.select();
  try {
    return field.ownerDocument.execCommand('copy');
  } catch {
    return false;
  }
}

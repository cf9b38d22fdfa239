// The one way a string reaches a remote shell: as a single-quoted POSIX sh word. Inside single
// quotes nothing is special, so the only character to handle is the single quote itself,
// which is closed, escaped and reopened ('\''). Host names, paths and user input from the
// inventory all pass through here; nothing is ever pasted into a command line raw.

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new TypeError('A NUL byte cannot be passed to a shell.');
  if (SAFE_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Quotes every word and joins them into one command line. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}

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

const BRACKET = /^\[!?[A-Za-z0-9._-]+\]/;

/**
 * A file pattern for the remote shell to expand: `*`, `?` and simple `[abc]`/`[!0-9]` classes
 * stay glob characters; everything else is quoted as literal text. `/var/log/my app/*.log`
 * becomes `'/var/log/my app/'*.log`. Throws on anything a pattern cannot hold.
 */
export function shellGlob(pattern: string): string {
  if (/[\0\n]/.test(pattern)) throw new TypeError('A file pattern cannot contain a NUL byte or a line break.');
  let out = '';
  let literal = '';
  const flush = () => {
    if (literal) out += shellQuote(literal);
    literal = '';
  };
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    if (ch === '*' || ch === '?') {
      flush();
      out += ch;
      i++;
      continue;
    }
    const bracket = ch === '[' ? BRACKET.exec(pattern.slice(i)) : null;
    if (bracket) {
      flush();
      out += bracket[0];
      i += bracket[0].length;
      continue;
    }
    literal += ch;
    i++;
  }
  flush();
  return out;
}

/** True when the pattern has glob characters that shellGlob leaves for the shell. */
export function hasGlob(pattern: string): boolean {
  return /[*?]/.test(pattern) || /\[!?[A-Za-z0-9._-]+\]/.test(pattern);
}

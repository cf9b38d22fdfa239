// /etc/os-release (freedesktop.org): shell-style KEY="value" lines. PRETTY_NAME is the name
// people recognise ("Debian GNU/Linux 12 (bookworm)"); NAME plus VERSION is the fallback.

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  const inner = quoted ? (quoted[2] ?? '') : value;
  return quoted?.[1] === "'" ? inner : inner.replace(/\\(["\\`$])/g, '$1');
}

export function parseOsReleaseName(text: string): string | null {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z0-9_]+)=(.*?)\s*$/.exec(line);
    if (match?.[1] && match[2] !== undefined) values.set(match[1], unquote(match[2]));
  }
  const pretty = values.get('PRETTY_NAME');
  if (pretty) return pretty;
  const name = values.get('NAME');
  if (!name) return null;
  const version = values.get('VERSION');
  return version ? `${name} ${version}` : name;
}

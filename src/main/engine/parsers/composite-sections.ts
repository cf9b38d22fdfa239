// Output of one composite poll script: sections of raw text, each introduced by a marker line.
// A marker carries the script version, a random per-connection nonce and the poll's sequence
// number, so neither a file's content nor a command's output can forge one, and output left
// over from an earlier poll can never be mistaken for this one.
//
//   \n<prefix>begin\n
//   \n<prefix>S:<name>\n<content>      (repeated; the "\n" before a marker is not content)
//   \n<prefix>end\n
//
// Anything before the begin marker (a banner printed by a login script) is ignored.

export const COMPOSITE_VERSION = 'OPSDECK_SCRIPT_V1';

export function compositeMarkerPrefix(nonce: string, seq: number): string {
  return `##${COMPOSITE_VERSION}:${nonce}:${seq}:`;
}

export function compositeEndMarker(prefix: string): string {
  return `\n${prefix}end\n`;
}

export type CompositeParse =
  | { ok: true; sections: Map<string, string> }
  | { ok: false; reason: 'incomplete' | 'garbled'; detail: string };

/** Index just past the end marker, or -1 while the output is still incomplete. */
export function findCompositeEnd(output: string, prefix: string, from = 0): number {
  const marker = compositeEndMarker(prefix);
  const at = output.indexOf(marker, Math.max(0, from - marker.length));
  return at < 0 ? -1 : at + marker.length;
}

export function splitCompositeSections(output: string, prefix: string): CompositeParse {
  const begin = `\n${prefix}begin\n`;
  const beginAt = output.indexOf(begin);
  if (beginAt < 0) return { ok: false, reason: 'incomplete', detail: 'no begin marker' };
  const endAt = output.indexOf(compositeEndMarker(prefix), beginAt);
  if (endAt < 0) return { ok: false, reason: 'incomplete', detail: 'no end marker' };

  // The body between begin and end is walked in place, section by section: each "\n<prefix>"
  // starts a marker line. (bodyEnd < bodyStart when the end marker shares begin's newline: empty.)
  const bodyStart = beginAt + begin.length;
  const bodyEnd = endAt;
  const separator = `\n${prefix}`;
  const nextMarker = (from: number): number => {
    const at = output.indexOf(separator, from);
    return at < 0 || at + separator.length > bodyEnd ? -1 : at;
  };
  let marker = nextMarker(bodyStart);
  if (bodyEnd > bodyStart && marker !== bodyStart) return { ok: false, reason: 'garbled', detail: 'output before the first section' };

  const sections = new Map<string, string>();
  while (marker >= 0) {
    const partStart = marker + separator.length;
    marker = nextMarker(partStart);
    const partEnd = marker < 0 ? bodyEnd : marker;
    const newline = output.indexOf('\n', partStart);
    const labelEnd = newline < 0 || newline >= partEnd ? partEnd : newline;
    if (labelEnd - partStart <= 2 || !output.startsWith('S:', partStart)) {
      return { ok: false, reason: 'garbled', detail: `unexpected marker "${output.slice(partStart, Math.min(labelEnd, partStart + 40))}"` };
    }
    const name = output.slice(partStart + 2, labelEnd);
    if (sections.has(name)) return { ok: false, reason: 'garbled', detail: `section ${name} twice` };
    sections.set(name, labelEnd < partEnd ? output.slice(labelEnd + 1, partEnd) : '');
  }
  return { ok: true, sections };
}

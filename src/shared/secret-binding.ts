// A stored password or passphrase belongs to one destination: the server it was typed for,
// reached the way it was typed for. Changing any of these fields drops it, so no edit (nor a
// page driving the engine) can make OpsDeck send it somewhere new.

export const SECRET_DESTINATION_FIELDS = ['address', 'port', 'user', 'jumpHost', 'hostKeyPolicy'] as const;

export type SecretDestination = { [K in (typeof SECRET_DESTINATION_FIELDS)[number]]: string | number | null };

/** The fields that differ; compared as the engine stores them (trimmed, empty jump host = none). */
export function changedDestinationFields(before: SecretDestination, after: SecretDestination): string[] {
  const norm = (v: string | number | null) => (typeof v === 'string' ? v.trim().toLowerCase() || null : v);
  return SECRET_DESTINATION_FIELDS.filter((f) => norm(before[f]) !== norm(after[f]));
}

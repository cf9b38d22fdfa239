// PURE: top statements from performance_schema.events_statements_summary_by_digest -> the top
// statements table, with OpsDeck's own monitoring statements left out by digest signature.
import type { DataTable } from '../../../shared/model';
import { num, text, redactMyQuery } from './mysql-stats';

export interface MyStatementRow {
  schema_name: unknown;
  digest: unknown;
  calls: unknown;
  total_time_ps: unknown;
  rows_examined?: unknown;
  rows_sent?: unknown;
  no_index_used?: unknown;
}

/** Keywords MariaDB's digest prints as a synonym (seen on 10.11: USER as SYSTEM_USER, DOUBLE as FLOAT8). */
const DIGEST_SYNONYMS: Record<string, string> = { system_user: 'user', float8: 'double' };

/**
 * What a statement looks like once comments, literals, quotes, case and spacing are gone: the
 * digest text the server keeps ("SELECT `LOWER` ( `VARIABLE_NAME` ) AS NAME ...") and OpsDeck's
 * own SQL reduce to the same words, so OpsDeck's statements can be left out of the top list
 * (digests carry no user, and the server strips the marker comment from them).
 */
export function statementSignature(sql: string): string {
  return sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, ' ')
    .toLowerCase()
    .replace(/\b\d+(\.\d+)?\b/g, ' ')
    .split(/[^a-z0-9_@]+/)
    .filter(Boolean)
    .map((w) => DIGEST_SYNONYMS[w] ?? w)
    .join('')
    .slice(0, 80);
}

/**
 * The statements that took the most server time since the digest table was last reset, without
 * OpsDeck's own, with their share of the rest; `texts` holds digest texts by digest.
 */
export function topStatementsTable(rows: readonly MyStatementRow[], texts: ReadonlyMap<string, string>, ownSignatures: ReadonlySet<string>, limit = 10): { table: DataTable; missingTexts: string[] } {
  const missingTexts = [...new Set(rows.map((r) => text(r.digest)).filter((d): d is string => d !== null && !texts.has(d)))];
  const others = rows.filter((r) => {
    const digest = text(r.digest);
    const t = digest !== null ? texts.get(digest) : undefined;
    return t === undefined || !ownSignatures.has(statementSignature(t));
  });
  const ps = (r: MyStatementRow) => num(r.total_time_ps) ?? 0;
  const total = others.reduce((sum, r) => sum + ps(r), 0);
  const top = [...others].sort((a, b) => ps(b) - ps(a)).slice(0, limit);
  return {
    table: {
      rows: top.map((r) => {
        const calls = num(r.calls) ?? 0;
        const totalMs = ps(r) / 1e9;
        const digest = text(r.digest);
        return {
          queryId: digest,
          database: text(r.schema_name),
          query: digest !== null ? redactMyQuery(texts.get(digest) ?? null) : null,
          calls,
          totalMs,
          meanMs: calls > 0 ? totalMs / calls : null,
          rows: num(r.rows_sent),
          rowsExamined: num(r.rows_examined),
          sharePercent: total > 0 ? (ps(r) / total) * 100 : null,
        };
      }),
    },
    missingTexts,
  };
}

// The SQL blocks of docs/db-queries.md by name, as tests/integration/db-harness/doc-sql.ts reads
// them (that file resolves the document with __dirname, which the bench's ESM bundle lacks).
import fs from 'node:fs';
import path from 'node:path';

export function docSqlReader(root) {
  const text = fs.readFileSync(path.join(root, 'docs/db-queries.md'), 'utf8');
  const blocks = new Map();
  for (const m of text.matchAll(/```sql\n(\/\* opsdeck ([a-z0-9_.]+) \*\/\n[\s\S]*?)```/g)) blocks.set(m[2], m[1].trim());
  const sql = (name, fill = {}) => {
    const block = blocks.get(name);
    if (!block) throw new Error(`docs/db-queries.md has no block /* opsdeck ${name} */`);
    return block.replace(/\{([a-z_]+)\}/g, (_, key) => {
      if (!(key in fill)) throw new Error(`${name} needs {${key}}`);
      return fill[key];
    });
  };
  /** A multi-statement block (role and grant scripts) as separate statements. */
  const statements = (name, fill = {}) =>
    sql(name, fill)
      .replace(/^\/\* opsdeck [^*]+\*\/\n/, '')
      .split(/;\s*\n/)
      .map((s) => s.trim())
      .filter(Boolean);
  return { sql, statements };
}

// The engine pieces and real-server harnesses the database benchmark runs, from source. run.mjs
// bundles this file once per run (vite, SSR build) so the plain-Node bench processes execute
// exactly today's code; pg, mysql2, ssh2 and better-sqlite3 stay external.
export { postgresKind, PG_SQL } from '../../../src/main/engine/collectors/postgres';
export { databaseConfig, SLOW_EVERY_MS } from '../../../src/main/engine/collectors/database-common';
export { kindModule } from '../../../src/main/engine/collectors/registry';
export { systemClock } from '../../../src/main/engine/core/clock';
export { MemoryLogger, nullLogger } from '../../../src/main/engine/core/logger';
export { createEngine } from '../../../src/main/engine/engine';
export { memorySecretStore } from '../../../src/main/engine/secrets';
export * as pgHarness from '../../support/postgres';
export * as myHarness from '../../support/mariadb';
export { startSshd } from '../../support/sshd';

// The MySQL/MariaDB kind, once collectors/mysql.ts is on main: the glob is empty until then, and
// run.mjs falls back to the statements of docs/db-queries.md (and says so in its output).
// Typed here rather than with vite/client, whose globals would leak into the whole node program.
type Glob = (pattern: string, options: { eager: true }) => Record<string, { mysqlKind?: unknown }>;
const mysqlModules = (import.meta as ImportMeta & { glob: Glob }).glob('../../../src/main/engine/collectors/mysql.ts', { eager: true });
export const mysqlKind = Object.values(mysqlModules)[0]?.mysqlKind ?? null;

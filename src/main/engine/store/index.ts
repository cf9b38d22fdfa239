// The engine's history store: SQLite (WAL) with raw samples, 1-minute rollups and retention.

export type { GlossaryRow, GlossaryWriter, RetentionOptions, RetentionResult, SampleValue, Store, StoreOptions, StoredGlossaryOrigin } from './store-types';
export { DEFAULT_FLUSH_ROWS, DEFAULT_RAW_RETENTION_MS, DEFAULT_ROLLUP_RETENTION_MS, openStore } from './open-store';
export { DB_FILE_NAME } from './open-database';
export { LATEST_SCHEMA_VERSION } from './migrations';
export type { AuditEntry, AuditRow, IncidentStore, IncidentWriter, StoredIncident, StoredIncidentHead, StoredPlaybook, StoredPostmortem } from './incidents-store-types';

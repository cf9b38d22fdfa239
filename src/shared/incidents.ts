// Incidents as plain data: the playbook file (stages, checklists, timers, severities, message
// templates, post-mortem guidance), the incident record with its timeline, the commands that
// change it, and the post-mortem record. Everything here crosses IPC and WebSocket as JSON, so
// each shape has a zod schema; types are inferred from the schemas so the two never drift.
//
// One file per concern; import from here.
export * from './incidents-vocabulary';
export * from './incidents-templates';
export * from './incidents-playbook';
export * from './incidents-record';
export * from './incidents-commands';
export * from './incidents-postmortem';
export { formatIssuePath } from './incidents-schema-parts';

// Settings a person may set in the environment, for both hosts. Wrong values are refused with
// a sentence that says what is accepted, never silently replaced by a default.
import { OpsError } from '../../../shared/errors';

export interface EnvConfig {
  retention: { rawMs?: number; rollupMs?: number };
}

const HOUR = 3_600_000;

function positive(env: NodeJS.ProcessEnv, name: string, min: number, max: number, unitMs: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new OpsError('INVALID_CONFIG', `${name} must be a number from ${min} to ${max}, not "${raw}".`);
  }
  return n * unitMs;
}

/** OPSDECK_RAW_RETENTION_HOURS (1-720, default 48) and OPSDECK_ROLLUP_RETENTION_DAYS (1-3650, default 30). */
export function readEnvConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  return {
    retention: {
      rawMs: positive(env, 'OPSDECK_RAW_RETENTION_HOURS', 1, 720, HOUR),
      rollupMs: positive(env, 'OPSDECK_ROLLUP_RETENTION_DAYS', 1, 3650, 24 * HOUR),
    },
  };
}

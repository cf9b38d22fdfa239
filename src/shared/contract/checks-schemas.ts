import { z } from 'zod';
import type { ChecksApi } from './checks-api';
import { noArgument, type ArgSchemas } from './schema-helpers';

export const checkIdArg = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id is 1-64 letters, digits, - or _');
const configValue = z.union([z.string().max(4096), z.number().finite(), z.boolean(), z.null()]);

/** The envelope only: each kind's own schema checks `config` in the engine. */
export const checkInput = z.strictObject({
  id: checkIdArg.optional(),
  kind: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a kind is a short lower-case name such as postgres'),
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().optional(),
  intervalMs: z.number().int().min(1_000).max(3_600_000).optional(),
  config: z.record(z.string().max(64), configValue).refine((c) => Object.keys(c).length <= 64, 'at most 64 settings'),
  secret: z.string().min(1).max(4096).nullable().optional(),
});

export const CHECKS_ARG_SCHEMAS = {
  listKinds: noArgument,
  listChecks: noArgument,
  saveCheck: checkInput,
  deleteCheck: z.strictObject({ checkId: checkIdArg }),
  setCheckEnabled: z.strictObject({ checkId: checkIdArg, enabled: z.boolean() }),
  testCheck: checkInput,
} satisfies ArgSchemas<ChecksApi>;

import { z } from 'zod';
import type { LogsApi } from './logs-api';
import { checkIdArg } from './checks-schemas';
import type { ArgSchemas } from './schema-helpers';

const subscriptionId = z.string().regex(/^lv-[A-Za-z0-9]{8,40}$/, 'a view id as openLogView returned it');
const ts = z.number().int().min(0).max(8.64e15);

export const LOGS_ARG_SCHEMAS = {
  openLogView: z.strictObject({
    checkId: checkIdArg,
    lines: z.number().int().min(0).max(5_000).optional(),
    file: z.string().min(2).max(1024).startsWith('/').optional(),
  }),
  renewLogView: z.strictObject({ subscriptionId }),
  closeLogView: z.strictObject({ subscriptionId }),
  listLogFiles: z.strictObject({ checkId: checkIdArg }),
  listLogEvents: z
    .strictObject({ checkId: checkIdArg, from: ts, until: ts, limit: z.number().int().min(1).max(5_000).optional() })
    .refine((a) => a.from <= a.until, 'from must not be after until'),
} satisfies ArgSchemas<LogsApi>;

import { z } from 'zod';
import { METRIC_KEYS, TIME_RANGES } from '../model';
import type { MonitoringApi } from './monitoring-api';
import { noArgument, type ArgSchemas } from './schema-helpers';

const targetId = z.string().min(1).max(200);

const seriesKey = z.union([
  z.enum(METRIC_KEYS as [string, ...string[]]),
  z.string().regex(/^fs\.used:\/.{0,4095}$/, 'a filesystem series looks like fs.used:/mount'),
  // Other kinds' series, as their descriptors name them (pg.tps.commit, mysql.threads.running).
  z.string().regex(/^[a-z][a-z0-9]{1,15}(\.[A-Za-z0-9_-]{1,40}){1,4}$/, 'a series key looks like pg.tps.commit'),
]);

export const MONITORING_ARG_SCHEMAS = {
  listTargets: noArgument,
  getOverview: noArgument,
  getSnapshot: z.strictObject({ targetId }),
  getSeries: z.strictObject({
    targetId,
    keys: z.array(seriesKey).min(1).max(64),
    range: z.enum(Object.keys(TIME_RANGES) as [string, ...string[]]),
    until: z.number().int().nonnegative().optional(),
    widthPx: z.number().int().min(10).max(10_000).optional(),
  }),
} satisfies ArgSchemas<MonitoringApi>;

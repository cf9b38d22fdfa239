// Runtime validation of every argument that arrives from a renderer or a socket, before the
// engine sees it: each part's table (contract/*-schemas.ts) merged. Exhaustive over MethodName,
// so a new method cannot skip validation.
import type { z } from 'zod';
import type { MethodName } from './api';
import { ALERTS_ARG_SCHEMAS } from './contract/alerts-schemas';
import { APP_ARG_SCHEMAS } from './contract/app-schemas';
import { CHANNELS_ARG_SCHEMAS } from './contract/channels-schemas';
import { CHECKS_ARG_SCHEMAS } from './contract/checks-schemas';
import { GLOSSARY_ARG_SCHEMAS } from './contract/glossary-schemas';
import { INCIDENTS_ARG_SCHEMAS } from './contract/incidents-schemas';
import { INVENTORY_ARG_SCHEMAS } from './contract/inventory-schemas';
import { LOGS_ARG_SCHEMAS } from './contract/logs-schemas';
import { MONITORING_ARG_SCHEMAS } from './contract/monitoring-schemas';
import { SYSTEM_ARG_SCHEMAS } from './contract/system-schemas';

export const METHOD_ARG_SCHEMAS = {
  ...APP_ARG_SCHEMAS,
  ...MONITORING_ARG_SCHEMAS,
  ...CHECKS_ARG_SCHEMAS,
  ...GLOSSARY_ARG_SCHEMAS,
  ...INCIDENTS_ARG_SCHEMAS,
  ...INVENTORY_ARG_SCHEMAS,
  ...SYSTEM_ARG_SCHEMAS,
  ...ALERTS_ARG_SCHEMAS,
  ...CHANNELS_ARG_SCHEMAS,
  ...LOGS_ARG_SCHEMAS,
} satisfies Record<MethodName, z.ZodType>;

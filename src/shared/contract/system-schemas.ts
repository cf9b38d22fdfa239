import { noArgument, type ArgSchemas } from './schema-helpers';
import type { SystemApi } from './system-api';

export const SYSTEM_ARG_SCHEMAS = {
  getStorageHealth: noArgument,
} satisfies ArgSchemas<SystemApi>;

import type { AppApi } from './app-api';
import { noArgument, type ArgSchemas } from './schema-helpers';

export const APP_ARG_SCHEMAS = {
  getAppInfo: noArgument,
} satisfies ArgSchemas<AppApi>;

// What the console asks about the engine itself.
import type { AppInfo } from '../model';
import { defineService } from './define';

export interface AppApi {
  getAppInfo(): Promise<AppInfo>;
}

export const APP_API = defineService<AppApi>(
  'app',
  { getAppInfo: { channel: 'opsdeck:get-app-info', access: 'read', noArgument: true } },
  {},
);

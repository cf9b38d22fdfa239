// OPSDECK_DATA_DIR moves everything OpsDeck writes (database, logs, window state, Chromium
// profile), as it does for `opsdeck serve`. Must run before the single-instance lock and
// before 'ready', because both read userData.
import path from 'node:path';
import { app } from 'electron';

export function setupDataDir(env: NodeJS.ProcessEnv): string {
  const override = env.OPSDECK_DATA_DIR?.trim();
  if (override) app.setPath('userData', path.resolve(override));
  return app.getPath('userData');
}

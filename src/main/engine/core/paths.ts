import os from 'node:os';
import path from 'node:path';

/**
 * Where OpsDeck keeps its data: OPSDECK_DATA_DIR if set, else the same folder Electron uses
 * as userData for the product name "OpsDeck", so the desktop app and `serve` share history.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.OPSDECK_DATA_DIR) return path.resolve(env.OPSDECK_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'OpsDeck');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'OpsDeck');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'OpsDeck');
}

// Who made a change: the name of the local OS account, recorded on every timeline entry and
// audit row. OpsDeck has no login of its own; the desk's account is the identity people know.
import os from 'node:os';

const MAX_LENGTH = 100;

/** The OS user name; falls back to the environment, then to "unknown" (never empty). */
export function localUserName(env: NodeJS.ProcessEnv = process.env): string {
  let name = '';
  try {
    name = os.userInfo().username;
  } catch {
    // userInfo() throws for a uid without a passwd entry (some containers).
  }
  if (!name.trim()) name = env.USER ?? env.USERNAME ?? env.LOGNAME ?? '';
  name = name.trim().slice(0, MAX_LENGTH);
  return name === '' ? 'unknown' : name;
}

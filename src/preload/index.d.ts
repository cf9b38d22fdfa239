import type { OpsApi } from '../shared/api';
import type { DesktopShell } from '../shared/desktop-shell';

declare global {
  interface Window {
    /**
     * Present in the desktop app (set by the preload), absent in a browser. Methods reject
     * with a plain `{ code, message }` object (see ErrorPayload), not an Error instance.
     */
    opsdeck?: OpsApi;
    /** The desktop shell's own link (engine status, Retry, language, opened files); desktop app only. */
    opsdeckShell?: DesktopShell;
  }
}

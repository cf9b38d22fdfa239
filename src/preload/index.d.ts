import type { OpsApi } from '../shared/api';

declare global {
  interface Window {
    /**
     * Present in the desktop app (set by the preload), absent in a browser. Methods reject
     * with a plain `{ code, message }` object (see ErrorPayload), not an Error instance.
     */
    opsdeck?: OpsApi;
  }
}

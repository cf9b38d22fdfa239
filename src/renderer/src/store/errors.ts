import { isErrorPayload, type ErrorPayload } from '../../../shared/errors';

/** The { code, message } of anything an api call threw (createApiClient attaches the code). */
export function errorPayloadOf(err: unknown): ErrorPayload {
  if (isErrorPayload(err)) return { code: err.code, message: err.message };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

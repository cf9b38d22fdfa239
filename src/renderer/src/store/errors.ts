import { isErrorPayload, withData, type ErrorPayload } from '../../../shared/errors';

/** The { code, message, data } of anything an api call threw (createApiClient attaches code and data). */
export function errorPayloadOf(err: unknown): ErrorPayload {
  if (isErrorPayload(err)) return withData({ code: err.code, message: err.message }, err.data);
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

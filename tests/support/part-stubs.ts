// Stand-ins for one part of OpsApi in tests that exercise something else (the IPC host, the
// engine host): built from the part's own tables, so a method added to the part needs no line
// here. Every method answers "not available"; each event subscribes through the caller's bus.
import type { ServiceDescriptor, Unsubscribe } from '../../src/shared/contract/define';
import { OpsError } from '../../src/shared/errors';

export function partStubs<S>(part: ServiceDescriptor<S>, subscribe: (event: string, listener: (payload: unknown) => void) => Unsubscribe): S {
  const stubs: Record<string, unknown> = {};
  for (const method of Object.keys(part.methods)) {
    stubs[method] = async (): Promise<never> => {
      throw new OpsError('UNAVAILABLE', `The ${part.name} part is not part of this test.`);
    };
  }
  for (const event of Object.keys(part.events)) stubs[event] = (listener: (payload: unknown) => void) => subscribe(event, listener);
  return stubs as S;
}

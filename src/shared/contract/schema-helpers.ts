// Pieces every part's argument schemas use. Loaded with zod on the first call that has an
// argument to check (see rpc.ts), never at start.
import { z } from 'zod';
import type { MethodKeys } from './define';

/** A method that takes no argument accepts nothing, or null from JSON. */
export const noArgument = z.undefined().or(z.null()).transform(() => undefined);

/** One schema per method of a part: exhaustive, so a new method cannot skip validation. */
export type ArgSchemas<S> = Record<MethodKeys<S>, z.ZodType>;

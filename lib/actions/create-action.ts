import type { z } from 'zod';
import type { TActionResult } from './action-result';
import { runAction, type TActionConfig, type TActionScope } from './run-action';

/**
 * A server action: `export const fooAction = createAction({...})` in a 'use server' module.
 * The returned function takes the raw input (typed for callers as the schema's input) and never
 * throws: it answers `{ ok: true, data }` or `{ ok: false, code, message, fieldErrors? }`.
 */
export function createAction<S extends TActionScope, Z extends z.ZodType, O>(config: TActionConfig<S, Z, O>) {
  return async (input: z.input<Z> & (S extends { tenant: unknown } ? { tenantSlug: string } : unknown)): Promise<TActionResult<O>> => runAction(config, input);
}

import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { statusOfCode } from '@/lib/errors';
import type { TActionFailure } from './action-result';
import { runAction, type TActionConfig, type TActionScope } from './run-action';

type TRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** 401 / 403 / 404 / 422 / 409 / 503 as AppError defines them; INTERNAL is a bare 500. */
export function failureResponse(failure: TActionFailure): NextResponse {
  const { code, message, fieldErrors } = failure;
  const status = code === 'INTERNAL' ? 500 : statusOfCode(code);
  return NextResponse.json({ error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) } }, { status, headers: { 'cache-control': 'no-store' } });
}

/**
 * A route handler on the same chain as a server action (run-action.ts): the raw input is the
 * query string overlaid with the route's params (so `tenantSlug` comes from the path), and the
 * result is JSON (or what `respond` makes of it, e.g. a download stream).
 */
export function createRoute<S extends TActionScope, Z extends z.ZodType, O>(config: TActionConfig<S, Z, O> & { respond?: (data: O) => Response }) {
  return async (req: Request, ctx?: TRouteContext): Promise<Response> => {
    const params = ctx ? await ctx.params : {};
    const raw = { ...Object.fromEntries(new URL(req.url).searchParams), ...params };
    const result = await runAction(config, raw);
    if (!result.ok) return failureResponse(result);
    return config.respond ? config.respond(result.data) : NextResponse.json(result.data);
  };
}

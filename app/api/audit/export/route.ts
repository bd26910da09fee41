import { NextResponse } from 'next/server';
import { z } from 'zod';
import { exportAuditEvents } from '@/lib/audit/export-audit-events';
import { recordRefusal } from '@/lib/audit/record-denied';
import type { TActor } from '@/lib/auth/actor';
import { requireActorOrThrow } from '@/lib/auth/guards';
import { getRequestOrigin } from '@/lib/auth/request-origin';
import { InputError, isAppError } from '@/lib/errors';

const ZFormat = z.enum(['csv', 'jsonl'], { message: 'format must be csv or jsonl.' });

/**
 * GET /api/audit/export?format=csv|jsonl&tenant=<slug>&from=<date>&to=<date>
 * Platform auditors (audit.read.all) may export any tenant or everything; a tenant admin only
 * their own tenant (tenant required).
 */
export async function GET(req: Request) {
  const origin = await getRequestOrigin();
  let actor: TActor | null = null;
  try {
    actor = await requireActorOrThrow();
    const q = new URL(req.url).searchParams;
    const format = ZFormat.safeParse(q.get('format') ?? 'csv');
    if (!format.success) throw new InputError(format.error.issues.map((i) => ({ ...i, path: ['format'] })));
    const filter = { tenant: q.get('tenant') ?? undefined, from: q.get('from') ?? undefined, to: q.get('to') ?? undefined };
    const out = await exportAuditEvents({ actor, filter, format: format.data, origin });
    return new Response(out.stream, {
      headers: {
        'content-type': out.contentType,
        'content-disposition': `attachment; filename="${out.filename}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (e) {
    await recordRefusal(e, actor, origin);
    if (isAppError(e)) return NextResponse.json({ error: { code: e.code, message: e.message } }, { status: e.status });
    console.error(e);
    return NextResponse.json({ error: { code: 'INTERNAL', message: 'Something went wrong.' } }, { status: 500 });
  }
}

import { NextResponse } from 'next/server';
import { db } from '@/lib/db';
import { getMongoClient } from '@/lib/mongo/client';

export const dynamic = 'force-dynamic';

/** Liveness of the catalog and the data plane; reveals nothing but up/down. */
export async function GET() {
  const check = async (fn: () => Promise<unknown>) =>
    fn().then(
      () => 'up' as const,
      () => 'down' as const,
    );
  const [catalog, dataPlane] = await Promise.all([
    check(() => db.$queryRaw`SELECT 1`),
    check(async () => (await getMongoClient()).db('admin').command({ ping: 1 })),
  ]);
  const ok = catalog === 'up' && dataPlane === 'up';
  return NextResponse.json({ ok, catalog, dataPlane }, { status: ok ? 200 : 503 });
}

import NextAuth from 'next-auth';
import { authOptions } from '@/lib/session/options';

type TCtx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: TCtx) {
  return NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };

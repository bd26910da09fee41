import 'server-only';
import { db } from '@/lib/db';
import { readAuditRows } from './read-audit-rows';
import { verifyAuditChain, type TChainReport } from './verify-audit-chain';

export type TStoredChainReport = TChainReport & { checkedAt: string };

/** Verifies the whole stored chain (the command, the page and the tests use this). */
export async function verifyStoredAuditChain(client: Parameters<typeof readAuditRows>[0] = db): Promise<TStoredChainReport> {
  const report = await verifyAuditChain(readAuditRows(client));
  return { ...report, checkedAt: new Date().toISOString() };
}

import 'server-only';
import type { TActor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { AUDIT_ACTIONS } from './actions';
import { recordAudit } from './append-audit';
import { actorAudit } from './audit-actor';
import { resolveAuditScope, type TAuditFilterInput } from './audit-scope';
import { readAuditRows } from './read-audit-rows';
import type { TAuditRow } from './verify-audit-chain';

export type TAuditExportFormat = 'csv' | 'jsonl';

const COLUMNS = [
  'id',
  'at',
  'action',
  'outcome',
  'actorUserId',
  'actorEmail',
  'tenantId',
  'impersonationId',
  'targetType',
  'targetId',
  'origin',
  'metadata',
  'prevHash',
  'hash',
] as const;

function plain(r: TAuditRow & { origin: string | null }) {
  return {
    id: r.id.toString(),
    at: r.at.toISOString(),
    action: r.action,
    outcome: r.outcome,
    actorUserId: r.actorUserId,
    actorEmail: r.actorEmail,
    tenantId: r.tenantId,
    impersonationId: r.impersonationId,
    targetType: r.targetType,
    targetId: r.targetId,
    origin: r.origin,
    metadata: r.metadata ?? {},
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it. */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Authorizes the filter, audits the export itself, and returns the rows as a stream of CSV or
 * JSON lines (each with prevHash and hash, so an export can be re-verified offline when it is
 * the whole log).
 */
export async function exportAuditEvents(args: { actor: TActor; filter: TAuditFilterInput; format: TAuditExportFormat; origin?: string | null }) {
  const scope = await resolveAuditScope(args.actor, args.filter);
  await recordAudit(
    db,
    actorAudit(args.actor, {
      action: AUDIT_ACTIONS.auditExported,
      tenantId: scope.tenant?.id ?? null,
      targetType: 'audit',
      metadata: { format: args.format, from: scope.from?.toISOString() ?? null, to: scope.to?.toISOString() ?? null },
      origin: args.origin ?? null,
    }),
  );
  const rows = readAuditRows(db, { where: scope.where, batch: 500 });
  const enc = new TextEncoder();
  const format = args.format;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      if (format === 'csv') controller.enqueue(enc.encode(`${COLUMNS.join(',')}\r\n`));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) return controller.close();
      const row = plain(next.value as TAuditRow & { origin: string | null });
      controller.enqueue(enc.encode(format === 'csv' ? `${COLUMNS.map((c) => csvCell(row[c])).join(',')}\r\n` : `${JSON.stringify(row)}\n`));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const name = `vaultline-audit-${scope.tenant?.slug ?? 'all'}-${stamp}.${format === 'csv' ? 'csv' : 'jsonl'}`;
  return { stream, filename: name, contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8' };
}

import { describe, expect, it } from 'vitest';
import { evaluateApprovals, type TApprovalForPolicy, type TRequestForPolicy } from './evaluate-approvals';

const now = new Date('2026-11-24T12:00:00Z');
const request: TRequestForPolicy = {
  requestedById: 'alice',
  requesterPersonId: 'p-alice',
  planHash: 'h1',
  preStateFingerprint: 'f1',
  revision: 2,
  requiredApprovals: 2,
};
const ok = (approverId: string, extra: Partial<TApprovalForPolicy> = {}): TApprovalForPolicy => ({
  approverId,
  approverPersonId: null,
  decision: 'APPROVE',
  planHash: 'h1',
  preStateFingerprint: 'f1',
  revision: 2,
  expiresAt: new Date(now.getTime() + 3600_000),
  approverIsActive: true,
  approverHoldsRole: true,
  ...extra,
});

describe('evaluateApprovals', () => {
  it('is met with two distinct valid approvers', () => {
    const e = evaluateApprovals(request, [ok('paula'), ok('oscar')], now);
    expect(e).toMatchObject({ isMet: true, counted: ['oscar', 'paula'], ignored: [] });
  });

  it('is not met with one', () => {
    expect(evaluateApprovals(request, [ok('paula')], now).isMet).toBe(false);
    expect(evaluateApprovals({ ...request, requiredApprovals: 1 }, [ok('paula')], now).isMet).toBe(true);
  });

  it.each([
    ['the requester account', ok('alice'), /own request/],
    ['a second account of the requester', ok('alice-2', { approverPersonId: 'p-alice' }), /own request/],
    ['a revoked approver', ok('paula', { approverHoldsRole: false }), /no longer holds/],
    ['a deactivated approver', ok('paula', { approverIsActive: false }), /deactivated/],
    ['an expired approval', ok('paula', { expiresAt: now }), /expired/],
    ['an approval of another plan', ok('paula', { planHash: 'h0' }), /different plan/],
    ['an approval of another target state', ok('paula', { preStateFingerprint: 'f0' }), /state of the target/],
    ['an approval of an earlier revision', ok('paula', { revision: 1 }), /earlier revision/],
    ['a rejection', ok('paula', { decision: 'REJECT' }), /rejected/],
  ])('does not count %s', (_name, approval, reason) => {
    const e = evaluateApprovals(request, [approval, ok('oscar')], now);
    expect(e.isMet).toBe(false);
    expect(e.counted).toEqual(['oscar']);
    expect(e.ignored[0]!.reason).toMatch(reason);
  });

  it('counts two accounts of one person once', () => {
    const e = evaluateApprovals(request, [ok('oscar', { approverPersonId: 'p-oscar' }), ok('oscar-2', { approverPersonId: 'p-oscar' })], now);
    expect(e.isMet).toBe(false);
    expect(e.counted).toHaveLength(1);
    expect(e.ignored[0]!.reason).toMatch(/same person/);
  });

  it('is never met for a request without a plan', () => {
    expect(evaluateApprovals({ ...request, planHash: null, requiredApprovals: 1 }, [ok('paula', { planHash: null as unknown as string })], now).isMet).toBe(
      false,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { buildRequestTimeline, type TTimelineEvent } from './request-timeline';

const ev = (action: string, at: string, actor = 'x@example'): TTimelineEvent => ({ action, at, actor, metadata: {} });
const base = { createdAt: new Date('2026-11-24T10:00:00Z'), submittedAt: new Date('2026-11-24T10:00:00Z'), finishedAt: null, jobStartedAt: null };
const states = (steps: ReturnType<typeof buildRequestTimeline>) => steps.map((s) => `${s.key}:${s.label}:${s.state}`);

describe('buildRequestTimeline', () => {
  it('names every approver since the last submission, not only the last one', () => {
    const events = [
      ev('restore.request.submit', '2026-11-24T09:00:00.000Z'),
      ev('restore.request.approve', '2026-11-24T09:01:00.000Z', 'old@v'),
      ev('restore.request.submit', '2026-11-24T10:00:00.000Z'),
      ev('restore.request.approve', '2026-11-24T10:05:00.000Z', 'paula@v'),
      ev('restore.request.approve', '2026-11-24T10:06:00.000Z', 'quinn@v'),
      ev('restore.request.approve', '2026-11-24T10:07:00.000Z', 'rosa@v'),
      ev('restore.request.queue', '2026-11-24T10:07:00.000Z'),
    ];
    const steps = buildRequestTimeline({ ...base, status: 'QUEUED', events });
    expect(steps[1]).toMatchObject({ label: 'Approved', detail: 'paula@v, quinn@v and rosa@v' });
  });

  it('a failed run: approved and ran, outcome failed at the fail event', () => {
    const events = [
      ev('restore.request.submit', '2026-11-24T10:00:00.000Z'),
      ev('restore.request.approve', '2026-11-24T10:05:00.000Z', 'paula@v'),
      ev('restore.request.queue', '2026-11-24T10:05:00.000Z'),
      ev('restore.request.start', '2026-11-24T10:06:00.000Z'),
      ev('restore.request.fail', '2026-11-24T10:07:00.000Z'),
    ];
    const steps = buildRequestTimeline({ ...base, status: 'FAILED', events });
    expect(states(steps)).toEqual(['requested:Requested:done', 'approved:Approved:done', 'running:Ran:done', 'outcome:Failed:failed']);
    expect(steps.map((s) => s.at)).toEqual(['2026-11-24T10:00:00.000Z', '2026-11-24T10:05:00.000Z', '2026-11-24T10:06:00.000Z', '2026-11-24T10:07:00.000Z']);
    expect(steps[1]!.detail).toBe('paula@v');
  });

  it('rejected: the approval step failed, nothing after it happened', () => {
    const steps = buildRequestTimeline({ ...base, status: 'REJECTED', events: [ev('restore.request.reject', '2026-11-24T11:00:00.000Z', 'oscar@v')] });
    expect(states(steps)).toEqual(['requested:Requested:done', 'approved:Rejected:failed', 'running:Running:cancelled', 'outcome:Verified:cancelled']);
    expect(steps[1]).toMatchObject({ at: '2026-11-24T11:00:00.000Z', detail: 'oscar@v' });
  });

  it('undone: verified, then an undo step; falls back to the columns without audit rows', () => {
    const steps = buildRequestTimeline({
      ...base,
      status: 'UNDONE',
      finishedAt: new Date('2026-11-24T12:00:00Z'),
      jobStartedAt: new Date('2026-11-24T11:59:00Z'),
      events: [ev('restore.request.undo', '2026-11-24T13:00:00.000Z')],
    });
    expect(states(steps)).toEqual(['requested:Requested:done', 'approved:Approved:done', 'running:Ran:done', 'outcome:Verified:done', 'undone:Undone:done']);
    expect(steps.map((s) => s.at)).toEqual([
      '2026-11-24T10:00:00.000Z',
      null,
      '2026-11-24T11:59:00.000Z',
      '2026-11-24T12:00:00.000Z',
      '2026-11-24T13:00:00.000Z',
    ]);
  });

  it('undo as a job: undoing (requested by the admin) → undone; an undo that failed is shown failed on a verified request', () => {
    const verified = [
      ev('restore.request.submit', '2026-11-24T10:00:00.000Z'),
      ev('restore.request.verify', '2026-11-24T12:00:00.000Z', 'system:restore-executor'),
    ];
    const queued = ev('restore.request.undo_queue', '2026-11-24T13:00:00.000Z', 'admin@t');
    const undoing = buildRequestTimeline({ ...base, status: 'UNDOING', events: [...verified, queued] });
    expect(states(undoing).slice(-2)).toEqual(['outcome:Verified:done', 'undone:Undoing:current']);
    expect(undoing.at(-1)).toMatchObject({ at: '2026-11-24T13:00:00.000Z', detail: 'admin@t' });
    const undone = buildRequestTimeline({
      ...base,
      status: 'UNDONE',
      events: [...verified, queued, ev('restore.request.undo', '2026-11-24T13:01:00.000Z', 'system:restore-executor')],
    });
    expect(undone.at(-1)).toMatchObject({ key: 'undone', label: 'Undone', state: 'done', at: '2026-11-24T13:01:00.000Z', detail: 'admin@t' });
    const failed = buildRequestTimeline({
      ...base,
      status: 'VERIFIED',
      events: [
        ...verified,
        queued,
        { ...ev('restore.request.undo_fail', '2026-11-24T13:02:00.000Z'), metadata: { message: 'undo failed: store unreachable' } },
      ],
    });
    expect(failed.at(-1)).toMatchObject({ key: 'undone', label: 'Undo failed', state: 'failed', detail: 'undo failed: store unreachable' });
    // a verified request never undone has no undo step
    expect(states(buildRequestTimeline({ ...base, status: 'VERIFIED', events: verified })).at(-1)).toBe('outcome:Verified:done');
  });

  it('an undo waiting for approval, then rejected back to verified', () => {
    const verified = [
      ev('restore.request.submit', '2026-11-24T10:00:00.000Z'),
      ev('restore.request.queue', '2026-11-24T10:05:00.000Z'),
      ev('restore.request.start', '2026-11-24T10:06:00.000Z'),
      ev('restore.request.verify', '2026-11-24T10:07:00.000Z'),
      ev('restore.undo_preview.queued', '2026-11-24T11:00:00.000Z', 'alice@acme'),
      ev('restore.request.undo_submit', '2026-11-24T11:01:00.000Z', 'alice@acme'),
    ];
    const waiting = buildRequestTimeline({ ...base, status: 'UNDO_PENDING_APPROVAL', events: verified });
    expect(states(waiting)).toEqual([
      'requested:Requested:done',
      'approved:Approved:done',
      'running:Ran:done',
      'outcome:Verified:done',
      'undone:Undo awaiting approval:current',
    ]);
    expect(waiting.at(-1)).toMatchObject({ at: '2026-11-24T11:01:00.000Z', detail: 'alice@acme' });
    const rejected = { ...ev('restore.request.undo_reject', '2026-11-24T11:05:00.000Z', 'oscar@v'), metadata: { reason: 'the refunds must stay' } };
    const back = buildRequestTimeline({ ...base, status: 'VERIFIED', events: [...verified, rejected] });
    expect(back.at(-1)).toMatchObject({ key: 'undone', label: 'Undo rejected', state: 'failed', detail: 'the refunds must stay' });
  });
});

import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TClaimedJob } from '@/lib/jobs/claim-job';
import { claimWriterHere } from '@/lib/jobs/claim-writer-here';

/** What to do now, decided from the catalog (decided again after every wait). */
export type TWriterDecision =
  | { kind: 'claim'; request: Parameters<typeof claimWriterHere>[0] }
  | { kind: 'wait'; message: string }
  | { kind: 'stop'; code: TNotStartedCode; message: string; jobId?: string };

/** busy: another writer runs (--no-wait) · quota: the tenant's quota is full · refused: nothing to do or not allowed ·
 *  interrupted: another restore of the tenant stopped half-way · finished: the job this run was waiting to resume ended meanwhile */
export type TNotStartedCode = 'busy' | 'quota' | 'refused' | 'interrupted' | 'finished';

export type TAcquired =
  { ok: true; job: TClaimedJob; how: 'started' | 'took-over' | 'reopened' } | { ok: false; code: TNotStartedCode; message: string; jobId?: string };

/**
 * The CLI's way to become the tenant's writer: decide (start, resume, wait or stop) → claim
 * through lib/jobs (`claimWriterHere`: the claim's lock, one writer per tenant, quotas). While
 * another writer runs it waits, telling `onWait` why (once per reason), and decides again every
 * `pollMs`; with `wait: false` it returns `busy` instead. A quota refusal is returned at once.
 */
export async function acquireWriterHere(args: {
  decide: () => Promise<TWriterDecision>;
  wait: boolean;
  onWait?: (message: string) => void;
  signal?: AbortSignal;
  pollMs?: number;
}): Promise<TAcquired> {
  let told = '';
  for (;;) {
    args.signal?.throwIfAborted();
    const d = await args.decide();
    if (d.kind === 'stop') return { ok: false, code: d.code, message: d.message, ...(d.jobId ? { jobId: d.jobId } : {}) };
    let waitFor: string;
    if (d.kind === 'wait') waitFor = d.message;
    else {
      const got = await claimWriterHere(d.request);
      if (got.ok) return got;
      // The job changed between the look and the claim (or the clocks disagree on "stale"): look again shortly.
      if (got.reason === 'gone') {
        await sleep(200, undefined, { signal: args.signal });
        continue;
      }
      if (got.reason === 'quota') return { ok: false, code: 'quota', message: got.message };
      if (got.reason === 'refused') return { ok: false, code: 'interrupted', message: got.message };
      waitFor = got.message;
    }
    if (!args.wait) return { ok: false, code: 'busy', message: `${waitFor}; not waiting (--no-wait)` };
    if (waitFor !== told) args.onWait?.(`waiting: ${waitFor}`);
    told = waitFor;
    await sleep(args.pollMs ?? 1_000, undefined, { signal: args.signal });
  }
}

import { createHash } from 'node:crypto';

// Which snapshots get a read-data verification today, so that every pack of every kept
// snapshot is read at least once per `windowDays`: each snapshot has a fixed slot (SHA-256 of
// its id mod the window); on its slot's day it is read in full. A snapshot that missed its slot
// (new since, the loop was down, the window changed) is caught up once its last read-data
// verification (or its consistency point, if it never had one) is a whole window old. A snapshot
// already read today is not read again. Pure (tests run it over simulated days).

export type TVerifyCandidate = { id: string; consistentAt: Date; dataVerifiedAt: Date | null };

const DAY_MS = 86_400_000;

export const dayNumber = (at: Date) => Math.floor(at.getTime() / DAY_MS);

export function verificationSlot(snapshotId: string, windowDays: number): number {
  const h = createHash('sha256').update(snapshotId).digest();
  return h.readUInt32BE(0) % windowDays;
}

export function dueForDataVerification(args: { snapshots: readonly TVerifyCandidate[]; now: Date; windowDays: number }): string[] {
  const window = Math.max(1, Math.floor(args.windowDays));
  const today = dayNumber(args.now);
  return args.snapshots
    .filter((s) => {
      if (s.dataVerifiedAt && dayNumber(s.dataVerifiedAt) === today) return false;
      if (verificationSlot(s.id, window) === today % window) return true;
      const since = s.dataVerifiedAt ?? s.consistentAt;
      return today - dayNumber(since) >= window;
    })
    .map((s) => s.id);
}

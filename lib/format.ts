// Small display helpers shared by pages (pure; safe on server and client).
const NUMBER = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return NUMBER.format(n);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

/** "3 h 12 min", "2 d 4 h", "45 s": a recovery point age a person reads at a glance. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

const PHASES: Record<string, string> = {
  inspect: 'looking at the target',
  'verifying-source': 'checking the snapshot can be read',
  safety: 'saving the current documents (for undo)',
  write: 'writing documents',
  indexes: 'creating indexes',
  verifying: 'verifying the result',
  scan: 'reading documents',
  oplog: 'reading changes made during the backup',
  index: 'writing the index',
  manifest: 'finishing the snapshot',
  gc: 'collecting garbage',
  done: 'finishing',
};

/** A job's phase in plain words (an unknown one as it is). */
export function describePhase(phase: string): string {
  return PHASES[phase] ?? phase;
}

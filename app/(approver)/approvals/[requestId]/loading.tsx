export default function Loading() {
  return <p role="status" className="animate-pulse text-sm text-slate-500">Loading the request…</p>;
}

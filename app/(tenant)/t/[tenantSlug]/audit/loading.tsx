export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading the audit log" className="animate-pulse space-y-4">
      <div className="h-8 w-48 rounded bg-slate-200" />
      <div className="h-64 rounded-xl bg-slate-200" />
    </div>
  );
}

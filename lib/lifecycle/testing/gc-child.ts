// Child process of gc-job.int.test.ts: one GC job (runJobHere → runGcJob) of one tenant on the
// deployment's store (the local S3 server in tests), SIGKILLed by the parent when it announces
// `CHECKPOINT store-call-<n>`: the n-th store call (get/put/delete/list page) parks until killed.
// Env: the usual (DATABASE_URL, S3_*, VAULTLINE_MASTER_KEY), GC_TENANT_ID, GC_KILL_AT (number).
import { db } from '@/lib/db';
import type { ObjectStore } from '@/lib/engine';
import { runJobHere } from '@/lib/jobs/start-job-here';
import { createEngineContext } from '@/lib/vault/engine-context';
import { runGcJob } from '../run-gc-job';

const say = (line: string) => process.stdout.write(`${line}\n`);

function killable(store: ObjectStore, killAt: number): ObjectStore {
  let calls = 0;
  const tick = async () => {
    calls++;
    if (calls === killAt) {
      say(`CHECKPOINT store-call-${calls}`);
      await new Promise(() => undefined); // parked: the parent SIGKILLs this process
    }
  };
  return {
    label: store.label,
    put: async (k, b, o) => (await tick(), store.put(k, b, o)),
    get: async (k) => (await tick(), store.get(k)),
    getRange: async (k, o, l) => (await tick(), store.getRange(k, o, l)),
    head: async (k) => (await tick(), store.head(k)),
    delete: async (k) => (await tick(), store.delete(k)),
    list: async function* (prefix) {
      await tick();
      yield* store.list(prefix);
    },
  };
}

async function main() {
  const base = await createEngineContext();
  const ctx = { ...base, store: killable(base.store, Number(process.env.GC_KILL_AT ?? '0')) };
  try {
    const end = await runJobHere({ tenantId: process.env.GC_TENANT_ID!, type: 'GC', payload: { trigger: 'test' }, origin: 'gc-child' }, (run) =>
      runGcJob({ ctx, tenantId: run.tenantId, run, graceMs: 0 }),
    );
    say(`RESULT ${JSON.stringify({ jobId: end.jobId, status: end.status, message: end.message })}`);
  } finally {
    await base.close();
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

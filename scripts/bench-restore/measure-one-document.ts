// Restoring one document from a large snapshot: the snapshot (COUNT generated documents) is
// captured from the generated endpoint into a filesystem store; then, with a fresh key provider
// and repository over a counting decorator (a cold process), one document is planned, dry-run,
// executed into an empty FerretDB scratch collection and verified. Bytes read from the store and
// wall time are reported per phase.
import { MongoClient } from 'mongodb';
import {
  createDriverRestoreTarget,
  createLocalKeyProvider,
  createMemoryRestoreJournal,
  createRepository,
  dryRunRestore,
  executeRestore,
  loadManifest,
  runSnapshot,
  verifyRestore,
  type ObjectStore,
} from '../../lib/engine';
import { withCounting, type TStoreCounts } from './counting-store';
import { createGeneratedEndpoint, generatedDoc } from './generated-endpoint';
import { planBenchRestore } from './plan-bench-restore';

const MASTER = Buffer.alloc(32, 42);
const mib = (n: number) => Number((n / 1024 / 1024).toFixed(3));

export async function measureOneDocument(args: { client: MongoClient; store: ObjectStore; count: number; database: string; log: (m: string) => void }) {
  const { count, database } = args;
  const tenant = { tenantId: 'bench-one-doc', tenancy: { model: 'DATABASE' as const, database } };
  args.log(`capturing a snapshot of ${count.toLocaleString('en-US')} generated documents into the filesystem store`);
  const t0 = performance.now();
  const { manifest, stats } = await runSnapshot({
    tenant,
    endpoint: createGeneratedEndpoint(database, 'events', count),
    store: args.store,
    keys: createLocalKeyProvider({ masterKey: MASTER, keyStore: args.store }),
    consistency: 'scan-only',
  });
  const captureMs = performance.now() - t0;

  const counted = withCounting(args.store);
  const keys = createLocalKeyProvider({ masterKey: MASTER, keyStore: counted.store });
  const repo = await createRepository({ tenantId: tenant.tenantId, store: counted.store, keys });
  const target = createDriverRestoreTarget({ client: args.client });
  const wanted = generatedDoc(Math.floor(count * 0.6180339));
  const phases: Record<string, { ms: number } & TStoreCounts> = {};
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    counted.reset();
    const t = performance.now();
    const r = await fn();
    phases[name] = { ms: Math.round(performance.now() - t), ...counted.counts() };
    return r;
  };
  try {
    args.log(`restoring document ${String(wanted._id)} in place into ${database}.events`);
    const loaded = await phase('loadManifest', () => loadManifest(repo, manifest.snapshotId));
    const plan = await phase('plan', () =>
      planBenchRestore({ repo, manifest: loaded, database, collection: 'events', restoreId: 'bench-one', documentIds: [{ $oid: String(wanted._id) }] }),
    );
    const dry = await phase('dryRun', () => dryRunRestore(plan, { repo, target }));
    const result = await phase('execute', () =>
      executeRestore(plan, { repo, target, journal: createMemoryRestoreJournal() }, { expectedPreState: dry.preState.fingerprint }),
    );
    const verify = await phase('verify', () => verifyRestore(plan, { repo, target }));
    if (result.counts.inserted !== 1 || !verify.ok) throw new Error(`one-document restore failed: ${JSON.stringify(result.counts)}`);
    const back = await args.client.db(database).collection('events').findOne({ _id: wanted._id });
    if (JSON.stringify(back) !== JSON.stringify(wanted)) throw new Error('restored document differs from the generated one');
    const total = Object.values(phases).reduce(
      (t, p) => ({
        ms: t.ms + p.ms,
        bytesRead: t.bytesRead + p.bytesRead,
        reads: t.reads + p.gets + p.rangeGets,
        bytesWritten: t.bytesWritten + p.bytesWritten,
      }),
      { ms: 0, bytesRead: 0, reads: 0, bytesWritten: 0 },
    );
    return {
      snapshotDocuments: count,
      capture: {
        seconds: Number((captureMs / 1000).toFixed(1)),
        docsPerSecond: Math.round(count / (captureMs / 1000)),
        storedMiB: mib(stats.packBytesWritten),
        segments: stats.segmentsWritten,
        packs: stats.packsWritten,
      },
      restoreOne: {
        wallMs: total.ms,
        bytesRead: total.bytesRead,
        MiBRead: mib(total.bytesRead),
        storeReads: total.reads,
        // the safety record and its (empty) pack list; an insert has no pre-restore bytes to keep
        bytesWritten: total.bytesWritten,
        phases,
      },
    };
  } finally {
    await target.close();
  }
}

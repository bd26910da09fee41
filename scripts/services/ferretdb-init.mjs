// Run by scripts/services.sh after FerretDB opened its port: waits until it answers `hello`
// and creates the capped collection local.oplog.rs if it does not exist yet. FerretDB writes
// its oplog entries (insert/update/delete) only while that collection exists.
import { MongoClient } from 'mongodb';

const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:57017/?directConnection=true';
const oplogBytes = Number(process.env.FERRETDB_OPLOG_BYTES ?? 64 * 1024 ** 2);
const oplogMaxDocs = Number(process.env.FERRETDB_OPLOG_MAX_DOCS ?? 20000);
const deadline = Date.now() + Number(process.env.SERVICES_TIMEOUT ?? 90) * 1000;

const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000 });
try {
  let hello;
  for (;;) {
    try {
      hello = await client.db('admin').command({ hello: 1 });
      break;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const local = client.db('local');
  const [existing] = await local.listCollections({ name: 'oplog.rs' }).toArray();
  const create = async () => {
    await local.createCollection('oplog.rs', { capped: true, size: oplogBytes, max: oplogMaxDocs });
    console.log(`ferretdb: created capped collection local.oplog.rs (${oplogBytes} bytes, ${oplogMaxDocs} entries)`);
  };
  if (!existing) {
    await create();
  } else if (!existing.options?.capped) {
    throw new Error('local.oplog.rs exists but is not capped; drop it and restart');
  } else if (!existing.options.max) {
    // Made by an older version of this script with a size cap only, which FerretDB stops
    // enforcing once the oplog outgrows ~320k entries (see ferretdb.sh). The oplog is only a
    // change window: backups that find it rolled over fall back to a recorded scan-only capture.
    await local.collection('oplog.rs').drop();
    console.warn('ferretdb: note: re-creating local.oplog.rs, which had no entry cap (its old entries are dropped)');
    await create();
  } else if (existing.options.size !== oplogBytes || existing.options.max !== oplogMaxDocs) {
    console.warn(
      `ferretdb: note: local.oplog.rs is capped at ${existing.options.size} bytes / ${existing.options.max} entries, ` +
        `not FERRETDB_OPLOG_BYTES=${oplogBytes} / FERRETDB_OPLOG_MAX_DOCS=${oplogMaxDocs} (kept; drop it and start again to resize)`,
    );
  }
  if (!hello.setName) console.warn('ferretdb: warning: hello reports no replica set name');
} catch (err) {
  console.error(`ferretdb: init failed: ${err?.message ?? err}`);
  process.exitCode = 1;
} finally {
  await client.close();
}

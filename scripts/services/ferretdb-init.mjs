// Run by scripts/services.sh after FerretDB opened its port: waits until it answers `hello`
// and creates the capped collection local.oplog.rs if it does not exist yet. FerretDB writes
// its oplog entries (insert/update/delete) only while that collection exists.
import { MongoClient } from 'mongodb';

const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:57017/?directConnection=true';
const oplogBytes = Number(process.env.FERRETDB_OPLOG_BYTES ?? 64 * 1024 ** 2);
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
  if (!existing) {
    await local.createCollection('oplog.rs', { capped: true, size: oplogBytes });
    console.log(`ferretdb: created capped collection local.oplog.rs (${oplogBytes} bytes)`);
  } else if (!existing.options?.capped) {
    throw new Error('local.oplog.rs exists but is not capped; drop it and restart');
  } else if (existing.options.size !== oplogBytes) {
    console.warn(
      `ferretdb: note: local.oplog.rs is capped at ${existing.options.size} bytes, not FERRETDB_OPLOG_BYTES=${oplogBytes}` +
        ' (kept; drop it and start again to resize)',
    );
  }
  if (!hello.setName) console.warn('ferretdb: warning: hello reports no replica set name');
} catch (err) {
  console.error(`ferretdb: init failed: ${err?.message ?? err}`);
  process.exitCode = 1;
} finally {
  await client.close();
}

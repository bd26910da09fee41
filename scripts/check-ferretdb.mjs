#!/usr/bin/env node
// Checks that the MongoDB-compatible server at MONGODB_URI (FerretDB, started by
// scripts/services.sh) does what Vaultline needs, with the official driver:
// CRUD in a scratch database, the oplog entries in local.oplog.rs for each change, and a
// tailable cursor on the oplog. Prints one line per check, exits 1 if any failed.
// `node scripts/check-ferretdb.mjs --verbose` also prints the oplog entries it saw.
//
// Observed with FerretDB 1.24.2 (SQLite backend), mongodb driver 7.9:
//   - hello answers setName "rs0" (from --repl-set-name), isWritablePrimary true.
//   - insertOne/insertMany -> one entry per document: { op: 'i', ns: 'db.coll', o: <doc>,
//     ts: Timestamp, wall: Date, v: 2, ... }.
//   - updateOne -> { op: 'u', o: { $v: 1, $set: <the whole new document> }, o2: { _id } }
//     (a full image, not the delta that was sent).
//   - deleteOne -> { op: 'd', o: { _id } }.
//   - ts values strictly increase; entries are in $natural order.
//   - dropDatabase / createCollection / createIndex write no entries (DDL is not logged).
//   - a tailable, awaitData cursor on local.oplog.rs delivers entries written after it opened,
//     but only with batchSize 1 (a first batch smaller than batchSize closes the cursor:
//     cursor id 0) and only while one scan of the oplog is shorter than maxAwaitTimeMS.
//   - every oplog read is a full scan (SQLite pushes down only _id equality); it took ~1 s for
//     5k entries, ~3.5 s for 20k and 100-300 s for 200k entries (777 MB, after a benchmark),
//     on 2 busy cores. Writes with the oplog on took ~1.7x as long as without.
import { MongoClient, Timestamp } from 'mongodb';

const verbose = process.argv.includes('--verbose');
const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:57017/?directConnection=true';
const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
const dbName = `vaultline_check_${Date.now().toString(36)}`;
const ns = `${dbName}.docs`;

const results = [];
async function check(name, fn) {
  const t0 = performance.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok    ${name} (${Math.round(performance.now() - t0)} ms)`);
  } catch (err) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name}: ${err?.message ?? err}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
const show = (entries) => {
  if (verbose) for (const e of entries) console.log('      ', JSON.stringify(e));
};

try {
  await client.connect();
  const oplog = client.db('local').collection('oplog.rs');
  const coll = client.db(dbName).collection('docs');

  await check('hello reports the replica set name', async () => {
    const hello = await client.db('admin').command({ hello: 1 });
    if (verbose)
      console.log('      ', JSON.stringify({ setName: hello.setName, isWritablePrimary: hello.isWritablePrimary, maxWireVersion: hello.maxWireVersion }));
    assert(hello.setName, 'no setName: start FerretDB with --repl-set-name');
  });

  await check('local.oplog.rs exists and is capped', async () => {
    const [info] = await client.db('local').listCollections({ name: 'oplog.rs' }).toArray();
    assert(info, 'local.oplog.rs does not exist');
    assert(info.options?.capped === true, `options: ${JSON.stringify(info.options)}`);
  });

  await check('insert, find, update, delete in a scratch database', async () => {
    await coll.insertOne({ _id: 'a', n: 1, tags: ['x'] });
    await coll.insertMany([
      { _id: 'b', n: 2 },
      { _id: 'c', n: 3 },
    ]);
    await coll.updateOne({ _id: 'a' }, { $set: { n: 10 }, $push: { tags: 'y' } });
    await coll.deleteOne({ _id: 'b' });
    const docs = await coll.find({}, { sort: { _id: 1 } }).toArray();
    assert(
      JSON.stringify(docs) ===
        JSON.stringify([
          { _id: 'a', n: 10, tags: ['x', 'y'] },
          { _id: 'c', n: 3 },
        ]),
      JSON.stringify(docs),
    );
  });

  await check('oplog has i, i, i, u, d for those changes, with increasing ts', async () => {
    const entries = await oplog.find({ ns }, { sort: { $natural: 1 } }).toArray();
    show(entries);
    const ops = entries.map((e) => `${e.op}:${e.o2?._id ?? e.o?._id}`).join(' ');
    assert(ops === 'i:a i:b i:c u:a d:b', `got ${ops}`);
    const u = entries[3];
    assert(u.o?.$set?.n === 10 && u.o.$set.tags?.length === 2, `update entry: ${JSON.stringify(u.o)}`);
    for (let i = 1; i < entries.length; i++) {
      assert(entries[i].ts instanceof Timestamp, 'ts is not a Timestamp');
      assert(entries[i].ts.compare(entries[i - 1].ts) > 0, 'ts does not increase');
    }
  });

  // FerretDB quirks: a tailable cursor whose first batch is not full is closed at once (so ask
  // for batchSize 1 and start at an existing entry), and every getMore re-runs the whole
  // oplog scan, so maxAwaitTimeMS must exceed the time one scan takes.
  await check('tailable awaitData cursor on the oplog sees a new entry', async () => {
    const [last] = await oplog.find({}, { sort: { $natural: -1 }, limit: 1 }).toArray();
    const cursor = oplog.find({ ts: { $gte: last.ts } }, { tailable: true, awaitData: true, batchSize: 1, maxAwaitTimeMS: 5000 });
    const t0 = Date.now();
    try {
      assert(await cursor.tryNext(), 'first batch is empty');
      assert(!cursor.closed && !cursor.id?.isZero?.(), 'server closed the tailable cursor after the first batch');
      await coll.insertOne({ _id: 'tail' });
      let e = null;
      while (!e && Date.now() - t0 < 60_000 && !cursor.closed) {
        const next = await cursor.tryNext();
        if (next?.ns === ns && next.o?._id === 'tail') e = next;
      }
      assert(e, cursor.closed ? 'cursor closed' : 'no entry within 60 s');
      show([e]);
      assert(e.op === 'i', `got ${JSON.stringify(e)}`);
    } finally {
      await cursor.close().catch(() => {});
    }
  });

  await check('dropping the scratch database', async () => {
    await client.db(dbName).dropDatabase();
    const names = (await client.db().admin().listDatabases()).databases.map((d) => d.name);
    assert(!names.includes(dbName), 'still listed');
  });
} catch (err) {
  results.push({ name: 'connect', ok: false });
  console.log(`FAIL  connect to ${uri}: ${err?.message ?? err}`);
} finally {
  await client.close();
}

const failed = results.filter((r) => !r.ok);
console.log(
  failed.length
    ? `FerretDB check FAILED: ${failed.length} of ${results.length} checks failed (${failed.map((r) => r.name).join('; ')})`
    : `FerretDB check ok: all ${results.length} checks passed`,
);
process.exit(failed.length ? 1 : 0);

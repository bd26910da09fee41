// `npm run audit:verify` end to end: a scratch catalog database (all migrations applied from
// prisma/migrations), a few real events, then the command's exit code and message — 0 while
// intact, 1 naming the first broken position after a row is tampered with (as the table owner,
// with the append-only triggers disabled: the same attacker as audit-tamper.int.test.ts).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbClient } from '@/lib/db';
import { recordAudit } from './append-audit';
import { testAuditAction } from './testing/test-audit-action';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const scratch = `vaultline_auditcmd_${randomUUID().slice(0, 8)}`;
const baseUrl = new URL(process.env.DATABASE_URL!);
const scratchUrl = (() => {
  const u = new URL(baseUrl.toString());
  u.pathname = `/${scratch}`;
  return u.toString();
})();

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: baseUrl.toString() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function verifyCommand(): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(path.join(root, 'node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/audit-verify.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: scratchUrl },
    });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

beforeAll(async () => {
  await admin((c) => c.query(`CREATE DATABASE ${scratch}`));
  const c = new Client({ connectionString: scratchUrl });
  await c.connect();
  const dir = path.join(root, 'prisma/migrations');
  for (const m of readdirSync(dir)
    .filter((d) => /^\d{14}_/.test(d))
    .sort()) {
    await c.query(readFileSync(path.join(dir, m, 'migration.sql'), 'utf8'));
  }
  await c.end();
  const db = createDbClient(scratchUrl);
  for (let i = 0; i < 5; i++) await recordAudit(db, { action: testAuditAction('test.cmd'), targetId: String(i) });
  await db.$disconnect();
});

afterAll(async () => {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`));
});

describe('npm run audit:verify', () => {
  it('exits 0 on an intact chain', async () => {
    const r = await verifyCommand();
    expect(r.code).toBe(0);
    expect(r.out).toContain('audit chain OK: 5 events');
  });

  it('exits 1 and names the first broken position after a row is changed', async () => {
    const c = new Client({ connectionString: scratchUrl });
    await c.connect();
    await c.query('GRANT UPDATE ON audit_events TO CURRENT_USER');
    await c.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await c.query("UPDATE audit_events SET target_id = 'forged' WHERE id = (SELECT id FROM audit_events ORDER BY id OFFSET 2 LIMIT 1)");
    await c.end();
    const r = await verifyCommand();
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/BROKEN at position 2 \(row id \d+\): content-changed/);
  });
});

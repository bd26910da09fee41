// "Edit and resubmit": a request's package back as the builder's values, for members of its tenant
// who may request restores; another tenant's request is not found, a viewer is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { loadActor } from '@/lib/session/get-current-actor';
import { getRestoreRequestPackage } from './get-restore-request-package';
import { createFixtureRequest } from './testing/create-fixture-request';

let requestId = '';
const actorOf = async (email: string) => (await loadActor((await db.user.findUniqueOrThrow({ where: { email } })).id))!;

beforeAll(async () => {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: 'acme' } });
  const alice = await db.user.findUniqueOrThrow({ where: { email: 'alice@acme.example' } });
  requestId = (await createFixtureRequest({ requesterId: alice.id, tenantId: tenant.id, database: tenant.database, reason: 'package read-back test' })).id;
});

afterAll(async () => {
  await db.restoreRequest.deleteMany({ where: { id: requestId } });
  await db.$disconnect();
});

describe('getRestoreRequestPackage', () => {
  it("gives the request's package as the builder's values", async () => {
    expect(await getRestoreRequestPackage({ actor: await actorOf('alice@acme.example'), slug: 'acme', requestId })).toEqual({
      snapshotId: 'fixture-snapshot',
      namespaces: ['orders'],
      documentIds: '',
      filter: '',
      targetMode: 'in-place',
      suffix: '',
      conflictPolicy: 'overwrite',
      deleteExtraneous: false,
    });
  });

  it("refuses a viewer, and another tenant's admin does not find it (neither by its own slug)", async () => {
    await expect(getRestoreRequestPackage({ actor: await actorOf('victor@acme.example'), slug: 'acme', requestId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const gwen = await actorOf('gwen@globex.example');
    await expect(getRestoreRequestPackage({ actor: gwen, slug: 'acme', requestId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getRestoreRequestPackage({ actor: gwen, slug: 'globex', requestId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getRestoreRequestPackage({ actor: gwen, slug: 'globex', requestId: 'bad id!' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

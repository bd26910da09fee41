// Demo logins. These are local demo credentials, printed by `npm run demo`; not secrets.
export const DEMO_PASSWORD = 'vaultline-demo';

export type TDemoUser = {
  email: string;
  name: string;
  memberships?: { tenant: string; role: 'TENANT_ADMIN' | 'TENANT_VIEWER' }[];
  platformRoles?: ('APPROVER' | 'SUPPORT' | 'PLATFORM_ADMIN')[];
  /** Accounts of the same human share a person id (no self-approval through a second account). */
  personId?: string;
};

export const DEMO_USERS: TDemoUser[] = [
  { email: 'alice@acme.example', name: 'Alice Admin', memberships: [{ tenant: 'acme', role: 'TENANT_ADMIN' }], personId: 'person-alice' },
  { email: 'victor@acme.example', name: 'Victor Viewer', memberships: [{ tenant: 'acme', role: 'TENANT_VIEWER' }] },
  { email: 'gwen@globex.example', name: 'Gwen Globex', memberships: [{ tenant: 'globex', role: 'TENANT_ADMIN' }] },
  { email: 'uma@umbrella.example', name: 'Uma Umbrella', memberships: [{ tenant: 'umbrella', role: 'TENANT_ADMIN' }] },
  { email: 'ian@initech.example', name: 'Ian Initech', memberships: [{ tenant: 'initech', role: 'TENANT_ADMIN' }] },
  { email: 'rita@initrode.example', name: 'Rita Initrode', memberships: [{ tenant: 'initrode', role: 'TENANT_ADMIN' }] },
  { email: 'paula@vaultline.example', name: 'Paula Approver', platformRoles: ['APPROVER'] },
  { email: 'oscar@vaultline.example', name: 'Oscar Approver', platformRoles: ['APPROVER'] },
  { email: 'sam@vaultline.example', name: 'Sam Support', platformRoles: ['SUPPORT'] },
  // A second support user: the impersonation e2e spec uses her, so that Sam's navigation in
  // other specs never changes mid-run (an impersonating user sees the impersonated tenant).
  { email: 'stella@vaultline.example', name: 'Stella Support', platformRoles: ['SUPPORT'] },
  { email: 'ada@vaultline.example', name: 'Ada Platform', platformRoles: ['PLATFORM_ADMIN'] },
  // Alice's second account, on the platform side: she may approve others' requests, never her own.
  { email: 'alice@vaultline.example', name: 'Alice Admin (approver account)', platformRoles: ['APPROVER'], personId: 'person-alice' },
];

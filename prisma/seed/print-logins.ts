// Printed at the end of `npm run demo`.
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';

const url = process.argv[2] ?? 'http://127.0.0.1:3000';
const role = (u: (typeof DEMO_USERS)[number]) =>
  [
    ...(u.memberships ?? []).map((m) => `${m.role === 'TENANT_ADMIN' ? 'tenant admin' : 'tenant viewer'} of ${m.tenant}`),
    ...(u.platformRoles ?? []).map((r) => r.toLowerCase().replace('_', ' ')),
  ].join(', ');

console.log(`\nVaultline is running at ${url}\n`);
console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(28)} ${role(u)}`);
console.log(`\nStop everything with: npm run services -- stop\n`);

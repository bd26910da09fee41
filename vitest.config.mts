import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');
// 'server-only' throws unless resolved with the `react-server` condition (Next's server bundles).
// Tests import DAL modules directly, so they get the package's own no-op entry.
const alias = { '@': root, 'server-only': `${root}/node_modules/server-only/empty.js` };
const exclude = ['node_modules/**', '.next/**', '.next-test/**', '.data/**', 'e2e/**', 'lib/generated/**'];

// Two projects: unit tests run without services; integration tests (*.int.test.ts) need the
// real local Postgres, FerretDB and S3 server started by `npm run services -- start`.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: [...exclude, '**/*.int.test.ts'],
          environment: 'node',
          // Property/fuzz tests run 10,000 cases; on 2 shared cores that can take well over 5 s.
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude,
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Two projects: `unit` imports each package's TypeScript source directly, so a
// stale dist/ can never mask a change (`npm run test:unit`, no build needed);
// `e2e` under test/ runs the built programs as a user would (build first).
export default defineConfig({
  resolve: {
    alias: {
      '@eos-sweep/core': src('./packages/core/src/index.ts'),
      '@eos-sweep/config': src('./packages/config/src/index.ts'),
      '@eos-sweep/results': src('./packages/results/src/index.ts'),
      '@eos-sweep/engine': src('./packages/engine/src/index.ts'),
      '@eos-sweep/report': src('./packages/report/src/index.ts'),
    },
  },
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tools/**/*.test.ts'],
        },
      },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'] } },
    ],
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Unit tests import each package's TypeScript source directly, so a stale
// dist/ can never mask a change; end-to-end tests under test/ run the built CLI.
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
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

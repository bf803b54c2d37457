import { defineConfig } from 'vitest/config';

// One runner for unit tests (beside the code) and cross-process tests (test/). Browser and
// hub integration tests start real processes, so they get generous timeouts; none of them
// asserts on timing.
export default defineConfig({
  test: {
    include: ['{app,hub,main,renderer}/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});

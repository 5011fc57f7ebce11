import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: 'UTC' },
    pool: 'forks',
    // Vitest runs one file at a time on 2 cores (cores − 1); most files wait on PostgreSQL, Redis or a child
    // process, so two at a time roughly halves the wall time without overloading the machine.
    maxWorkers: 2,
  },
});

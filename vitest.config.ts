import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20 * 60 * 1000,
    hookTimeout: 20 * 60 * 1000,
    pool: 'forks',
  },
});

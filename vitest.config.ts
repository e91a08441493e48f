import { defineConfig } from 'vitest/config';

// Unit tests live beside the code (core/**/x.test.ts, renderer/**/x.test.tsx); oracle and contract
// suites under tests/. Playwright specs (tests/e2e/*.spec.ts) are run by Playwright, not here.
export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    exclude: ['node_modules/**', 'out/**', 'tests/e2e/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});

import { defineConfig } from 'vitest/config';

/**
 * unit:     pure tests, no engine (node side and renderer components in jsdom)
 * core:     the engine room against a real Docker engine (throwaway dockerd)
 * e2e:      Playwright in Chromium against `slipway serve` on the real engine
 * electron: Playwright's _electron, reported skipped where no Electron binary exists
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'core',
          sequence: { groupOrder: 1 },
          include: ['test/core/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'electron',
          sequence: { groupOrder: 3 },
          include: ['test/electron/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
});

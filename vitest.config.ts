// Three projects: `unit` (main core, renderer stores and helpers, beside the code; and
// test/lint: the layer rules of biome.json seen failing),
// `e2e` (browser mode in Debian's Chromium against the fake provider; serial) and
// `real` (the same against real llama.cpp, LiteLLM and Ollama; run by test/real/run.mjs).
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['main/**/*.test.ts', 'renderer/src/**/*.test.{ts,tsx}', 'test/lint/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'real',
          include: ['test/real/e2e/**/*.test.ts'],
          testTimeout: 400_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
})

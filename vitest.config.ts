import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Real components (ONNX inference, HNSW builds, a browser) are slower than unit mocks.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: keep worker count low so ONNX/Chromium tests do not starve each other.
    maxWorkers: 2,
  },
});

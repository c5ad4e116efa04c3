import { defineConfig } from 'vitest/config';

const shared = {
  environment: 'node' as const,
  testTimeout: 60_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: { ...shared, name: 'node', include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', 'dist/**', 'test/fixtures/**', 'test/e2e/**'] },
      },
      {
        // One browser at a time: playback tests count dropped frames, which a second Chromium on the
        // same two cores would cause.
        test: { ...shared, name: 'browser', include: ['test/e2e/**/*.test.ts'], fileParallelism: false },
      },
    ],
  },
});

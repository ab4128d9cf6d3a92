import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    environment: 'happy-dom',
    setupFiles: ['fake-indexeddb/auto'],
    include: ['lib/**/*.test.ts', 'components/**/*.test.tsx', 'tests/unit/**/*.test.ts'],
    restoreMocks: true,
    benchmark: { include: ['lib/**/*.bench.ts', 'tests/bench/**/*.bench.ts'] },
  },
});

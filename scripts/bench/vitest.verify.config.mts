import { defineConfig } from 'vitest/config';
import path from 'node:path';

/** Only for `npm run bench`: the in-process verification rows (scripts/bench/verify-in-process.measure.ts). */
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname, '../..'),
      'server-only': path.resolve(import.meta.dirname, '../../lib/testing/server-only-noop.ts'),
    },
  },
  test: { include: ['scripts/bench/verify-in-process.measure.ts'], environment: 'node', root: path.resolve(import.meta.dirname, '../..') },
});

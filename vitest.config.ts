import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against workspace sources, not stale builds.
    alias: [
      { find: /^@sre-agent\/shared$/, replacement: here('./shared/src/index.ts') },
      { find: /^@sre-agent\/shared\/http$/, replacement: here('./shared/src/bootstrap/http-server.ts') },
      {
        find: /^@sre-agent\/shared\/stdio-front$/,
        replacement: here('./shared/src/bootstrap/stdio-front.ts'),
      },
      { find: /^@sre-agent\/aws-shared$/, replacement: here('./servers/aws-shared/src/index.ts') },
      { find: /^@sre-agent\/k8s$/, replacement: here('./servers/k8s/src/index.ts') },
      { find: /^@sre-agent\/aws-cost$/, replacement: here('./servers/aws-cost/src/index.ts') },
      { find: /^@sre-agent\/aws-core$/, replacement: here('./servers/aws-core/src/index.ts') },
      { find: /^@sre-agent\/orchestrator$/, replacement: here('./orchestrator/src/index.ts') },
    ],
  },
  test: {
    include: [
      'shared/src/**/*.test.ts',
      'servers/*/src/**/*.test.ts',
      'orchestrator/src/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // The JSON report lets .ci/run print one plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: 'node_modules/.vitest/report.json' }]],
    // One worker per core minus one (vitest's default) leaves a 2-core machine running one file at a
    // time, though most of our files wait on child processes, sockets and timers: three in flight took
    // the suite from ~7 to ~4.6 minutes there; four lost more to contention than they gained.
    maxWorkers: 3,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});

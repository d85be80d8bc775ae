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
    exclude: ['**/node_modules/**', '**/dist/**'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'servers/*/src/**/*.test.ts', 'orchestrator/src/**/*.test.ts'],
          // The tests beside the code share one worker per slot instead of a fresh process per file:
          // each fresh one spent ~0.45 s starting and ~0.4 s importing the MCP SDK and the workspace
          // anew, most of these files' time (measured: their ~200 s of CPU fell to ~55 s). They clean
          // up after themselves (servers closed, env and timers restored), so nothing leaks across.
          isolate: false,
        },
      },
      {
        extends: true,
        // Cross-package and end-to-end files keep a process each: they stub the environment for a
        // whole file, watch the process for stray rejections, and find their children by parent pid.
        test: { name: 'e2e', include: ['test/**/*.test.ts'] },
      },
    ],
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

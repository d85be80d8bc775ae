// An esbuild plugin for servers/bundle.ts. The MCP SDK's stdio transport does
// `import process from 'node:process'`; Node builds an ES module facade for it that reads every
// property of `process`, and reading `process.stderr` opens the stderr stream (and loads what it
// needs) on every start, ~5-10 ms of the cold start to tools/list (issue 14 §5). The bundle gets the
// global instead. It exports the default and the named imports the bundled SDKs use (`env`, `versions`:
// plain objects, the same ones `process` holds); any other named import fails the build, loudly.
import type { Plugin } from 'esbuild';

export const processGlobal: Plugin = {
  name: 'process-global',
  setup(bundle) {
    bundle.onResolve({ filter: /^(node:)?process$/ }, () => ({
      path: 'process',
      namespace: 'process-global',
    }));
    bundle.onLoad({ filter: /.*/, namespace: 'process-global' }, () => ({
      contents: 'export default globalThis.process;\nexport const { env, versions } = globalThis.process;\n',
      loader: 'js',
    }));
  },
};

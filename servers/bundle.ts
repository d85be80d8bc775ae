// `npm run bundle`: one ESM bundle per server bin for release. Heavy SDKs that the servers import
// lazily (`await import(...)`) become separate chunks, so a stdio server still answers `initialize`
// before it loads them (measured: ~220 ms spawn-to-tools/list bundled vs ~290 ms from tsc output).
import { build } from 'esbuild';

const servers = ['k8s', 'aws-cost', 'aws-core'];

for (const server of servers) {
  const root = new URL(`./${server}/`, import.meta.url);
  await build({
    entryPoints: [new URL('src/main.ts', root).pathname],
    outdir: new URL('dist/bundle', root).pathname,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    conditions: ['source'],
    logLevel: 'warning',
    // Some CommonJS dependencies call require(); ESM bundles need it defined.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  console.log(`bundled servers/${server}/dist/bundle/main.js`);
}

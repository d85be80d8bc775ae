// `npm run bundle` (or `node servers/bundle.ts k8s`, as each server's `prepack` runs it): one ESM
// bundle per server bin for release. Everything is inside it, the workspace packages and the SDKs
// alike, so a published server has no dependencies to resolve: `npx` fetches one tarball. Heavy SDKs
// that the servers import lazily (`await import(...)`) become separate chunks, so a stdio server
// still answers `initialize` before it loads them. Beside each bundle, handshake.json: what it answers
// to `initialize` and the list requests, which its stdio front gives before anything heavy loads.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { handshakeInputs } from './handshake-inputs.ts';
import { kubeConfigWithoutGeneratedApis } from './kube-config-plugin.ts';
import { lazyAjv } from './lazy-ajv-plugin.ts';
import { processGlobal } from './process-import-plugin.ts';
import { recordHandshake } from './record-handshake.ts';

const allServers = ['k8s', 'aws-cost', 'aws-core'];
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !allServers.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`bundle: no server ${unknown.join(', ')}; the servers are ${allServers.join(', ')}\n`);
  process.exit(2);
}
const servers = asked.length > 0 ? asked : allServers;

for (const server of servers) {
  const root = new URL(`./${server}/`, import.meta.url);
  // SRE_BUNDLE_ROOT: elsewhere than the checkout (test/docker.test.ts, while another test packs).
  const outRoot = process.env.SRE_BUNDLE_ROOT;
  const outdir = outRoot ? join(outRoot, server, 'dist/bundle') : new URL('dist/bundle', root).pathname;
  // Chunk names carry a content hash: without this, every older chunk would ship in the package too.
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [new URL('src/main.ts', root).pathname],
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // The SDKs' ESM builds (`module` field and export condition), not their CommonJS ones: a CommonJS
    // module behind a lazy `await import()` becomes a split chunk exporting only `default`, so
    // `(await import('@aws-sdk/client-sts')).STSClient` was undefined in the bundle ("is not a
    // constructor") while the tsc output worked.
    conditions: ['source', 'module'],
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    // Whitespace and syntax only (names stay): Node reads, decodes and hashes every eager chunk on
    // each start, compile cache or not, and the minified bundle is ~25% smaller; warm CPU from spawn
    // to tools/list ~275 -> ~258 ms (issue 14 §5, bench/startup.ts). Stack traces still name functions.
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [kubeConfigWithoutGeneratedApis, lazyAjv, processGlobal],
    // Some CommonJS dependencies call require(); ESM bundles need it defined.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  // What the bundle answers to `initialize` and the list requests, given over stdio before it loads
  // (shared/src/bootstrap/stdio-front.ts): recorded from the bundle itself, after it is written.
  const main = join(outdir, 'main.js');
  const inputs = handshakeInputs[server];
  if (!inputs) throw new Error(`servers/handshake-inputs.ts has no entry for ${server}`);
  writeFileSync(join(outdir, 'handshake.json'), JSON.stringify(await recordHandshake(main, inputs)));
  // stderr: `npm pack --json` (prepack) keeps stdout for its JSON.
  process.stderr.write(`bundled ${main}\n`);
}

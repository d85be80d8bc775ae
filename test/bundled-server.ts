// A workspace MCP server's bin bundled from source with esbuild (dependencies stay external, as
// installed), so end-to-end tests spawn what the source says today rather than a stale build.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The Node 24 the repo pins, for spawning the bundle. */
export const pinnedNode = join(root, 'node_modules', '.bin', 'node');

/** Bundles `servers/<server>/src/main.ts` and returns the bundle's path. */
export async function bundleServer(server: 'k8s' | 'aws-core' | 'aws-cost'): Promise<string> {
  // Inside the repo so the bundle resolves its external packages from node_modules.
  const outDir = join(root, 'node_modules', '.cache', `sre-bundled-${server}`);
  // One file per bundling: test files bundle the same server in parallel workers.
  const bundle = join(outDir, `main-${randomUUID().slice(0, 8)}.mjs`);
  mkdirSync(outDir, { recursive: true });
  // Workers are often killed rather than left to exit: bundles of runs over an hour ago go here.
  for (const file of readdirSync(outDir)) {
    const path = join(outDir, file);
    const modified = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (Date.now() - modified > 3_600_000) rmSync(path, { force: true });
  }
  await build({
    entryPoints: [join(root, `servers/${server}/src/main.ts`)],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    alias: {
      '@sre-agent/shared': join(root, 'shared/src/index.ts'),
      '@sre-agent/shared/stdio-front': join(root, 'shared/src/bootstrap/stdio-front.ts'),
      '@sre-agent/aws-shared': join(root, 'servers/aws-shared/src/index.ts'),
    },
    logLevel: 'silent',
  });
  return bundle;
}

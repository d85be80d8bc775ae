#!/usr/bin/env node
// Kept in git (not built) so npm links the `sre-aws-core-mcp` command at install time.
// Plain JavaScript that any Node parses: an MCP client whose "command" is an old system `node`
// must get one line saying what to install, not a TypeError from deep inside the SDK.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `sre-aws-core-mcp needs Node.js 22.12 or newer, and ${process.execPath} is ${process.version}: install Node 24 (https://nodejs.org/en/download, or \`nvm install 24\`) and run it with that node (in a checkout: node_modules/.bin/node, or npx).\n`,
  );
  process.exit(1);
}

const { existsSync, statSync } = await import('node:fs');
// Compiled code kept on disk (NODE_COMPILE_CACHE, else os.tmpdir()/node-compile-cache) for the
// modules imported below: a start after the first skips most of their parse and compile.
(await import('node:module')).enableCompileCache?.();
// A published package ships only the bundle, which carries the workspace code and the SDKs inside
// it. A checkout (src/ beside bin/) runs the bundle too when `npm run build` made it after the
// last tsc build (it loads one file per chunk instead of hundreds from node_modules), else the
// tsc output, so a later `tsc -b` is never shadowed by an older bundle.
const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const checkout = existsSync(new URL('../src/', import.meta.url));
const main = checkout && !bundleIsFresh() ? new URL('../dist/main.js', import.meta.url) : bundle;

function bundleIsFresh() {
  const modified = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs;
  const bundled = modified(bundle.href);
  if (bundled === undefined) return false;
  const builds = [
    '../dist/.tsbuildinfo',
    '../../../shared/dist/.tsbuildinfo',
    '../../aws-shared/dist/.tsbuildinfo',
  ];
  return builds.every((path) => (modified(path) ?? 0) <= bundled);
}
if (!existsSync(main)) {
  process.stderr.write('sre-aws-core-mcp is not built yet: run `npm run build` in the repository first.\n');
  process.exit(1);
}
await import(main.href);

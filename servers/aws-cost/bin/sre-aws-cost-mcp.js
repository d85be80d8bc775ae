#!/usr/bin/env node
// Kept in git (not built) so npm links the `sre-aws-cost-mcp` command at install time.
// Plain JavaScript that any Node parses: an MCP client whose "command" is an old system `node`
// must get one line saying what to install, not a TypeError from deep inside the SDK.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `sre-aws-cost-mcp needs Node.js 22.12 or newer, and ${process.execPath} is ${process.version}: install Node 24 (https://nodejs.org/en/download, or \`nvm install 24\`) and run it with that node (in a checkout: node_modules/.bin/node, or npx).\n`,
  );
  process.exit(1);
}

const { existsSync } = await import('node:fs');
// A checkout runs the tsc output (fresh after `npm run build`); a published package ships only
// the esbuild bundle (`npm run bundle`), which carries the workspace code inside it.
const built = new URL('../dist/main.js', import.meta.url);
const bundled = new URL('../dist/bundle/main.js', import.meta.url);
const main = existsSync(built) ? built : bundled;
if (!existsSync(main)) {
  process.stderr.write('sre-aws-cost-mcp is not built yet: run `npm run build` in the repository first.\n');
  process.exit(1);
}
await import(main.href);

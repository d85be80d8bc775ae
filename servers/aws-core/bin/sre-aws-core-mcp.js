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

const { existsSync } = await import('node:fs');
// A checkout (src/ beside bin/) runs the tsc output, fresh after `npm run build`, never a bundle
// left from an older `npm run bundle`; a published package ships only the bundle, which carries
// the workspace code and the SDKs inside it.
const checkout = existsSync(new URL('../src/', import.meta.url));
const main = new URL(checkout ? '../dist/main.js' : '../dist/bundle/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('sre-aws-core-mcp is not built yet: run `npm run build` in the repository first.\n');
  process.exit(1);
}
await import(main.href);

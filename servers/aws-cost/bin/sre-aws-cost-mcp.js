#!/usr/bin/env node
// Kept in git (not built) so npm links the `sre-aws-cost-mcp` command at install time; the code is in dist/.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('sre-aws-cost-mcp is not built yet: run `npm run build` in the repository first.\n');
  process.exit(1);
}
await import(main.href);

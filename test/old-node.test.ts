// An MCP client config whose "command" is the system `node` starts our bins with whatever Node
// the machine has. Below 22.12 each must say in one line what to install and exit 1, before it
// imports anything that would fail later with a TypeError at the first tool call.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A Node older than 22 on this machine (the system one here is 20), if there is one. */
function findOldNode(): string | undefined {
  const found = spawnSync('which', ['-a', 'node'], { encoding: 'utf8' }).stdout.split('\n');
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node', ...found].filter(Boolean)) {
    try {
      const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
      if (Number(version.slice(1).split('.')[0]) < 22) return candidate;
    } catch {
      // Not there or not runnable: try the next one.
    }
  }
  return undefined;
}

const oldNode = findOldNode();
const bins = [
  ['sre-k8s-mcp', 'servers/k8s/bin/sre-k8s-mcp.js'],
  ['sre-aws-cost-mcp', 'servers/aws-cost/bin/sre-aws-cost-mcp.js'],
  ['sre-aws-core-mcp', 'servers/aws-core/bin/sre-aws-core-mcp.js'],
  ['sre-agent', 'orchestrator/bin/sre-agent.js'],
] as const;

describe.skipIf(!oldNode)(`started by an old Node (${oldNode ?? 'none found'})`, () => {
  it.each(bins)('%s prints one line naming the Node it needs and exits 1', (name, bin) => {
    // stdio as an MCP client would start it; a server must not wait for input first.
    const result = spawnSync(oldNode ?? 'node', [join(root, bin), 'call', 'list_namespaces'], {
      encoding: 'utf8',
      input: '',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^${name} needs Node.js 22.12 or newer, and .* is v\\d+\\.\\d+\\.\\d+: install Node 24`),
    );
  });
});

// Each server as a user gets it from the registry: `npm pack` (its prepack builds the bundle), the
// tarball installed into an empty directory with no network and no workspace around it, then the
// installed bin spawned with the pinned Node and asked for `tools/list` over stdio. Catches a file
// left out of `files`, a workspace import left outside the bundle, and a dependency that the
// registry would have to serve.
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const node = join(root, 'node_modules', '.bin', 'node');
const dir = mkdtempSync(join(tmpdir(), 'sre-packages-'));
const servers = [
  { workspace: 'servers/k8s', name: '@sre-agent/k8s', bin: 'sre-k8s-mcp', tool: 'list_pods_from_namespace' },
  {
    workspace: 'servers/aws-cost',
    name: '@sre-agent/aws-cost',
    bin: 'sre-aws-cost-mcp',
    tool: 'get_cost_by_service',
  },
  {
    workspace: 'servers/aws-core',
    name: '@sre-agent/aws-core',
    bin: 'sre-aws-core-mcp',
    tool: 'get_caller_identity',
  },
];

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface PackResult {
  name: string;
  version: string;
  filename: string;
  files: { path: string }[];
}

describe('the published servers', () => {
  it('pack, install with no network into an empty directory, and answer tools/list over stdio', async () => {
    const packs = join(dir, 'packs');
    mkdirSync(packs);
    const workspaces = servers.flatMap((server) => ['-w', server.workspace]);
    const { stdout } = await run('npm', ['pack', ...workspaces, '--json', '--pack-destination', packs], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    const packed = JSON.parse(stdout) as PackResult[];
    expect(packed.map((pack) => pack.name).sort()).toEqual(servers.map((server) => server.name).sort());
    for (const pack of packed) {
      // Only the launcher, the bundle and the manifest/readme: no sources, no tsc output, no tests.
      const stray = pack.files
        .map((file) => file.path)
        .filter((path) => !/^(bin\/|dist\/bundle\/|package\.json$|README\.md$)/.test(path));
      expect(stray, pack.name).toEqual([]);
    }

    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{"name":"app","private":true}\n');
    // --offline: a dependency the registry would have to serve fails the install here.
    await run(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        ...packed.map((pack) => join(packs, pack.filename)),
      ],
      { cwd: app },
    );

    await Promise.all(servers.map((server) => checkInstalled(app, server)));
  }, 240_000);
});

async function checkInstalled(app: string, server: (typeof servers)[number]) {
  const installed = join(app, 'node_modules', server.name);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  expect(manifest.dependencies ?? {}, server.name).toEqual({});
  const bin = join(installed, manifest.bin[server.bin]);
  expect(
    unreachableChunks(join(installed, 'dist', 'bundle')),
    `${server.name}: stale chunks shipped`,
  ).toEqual([]);

  const help = await run(node, [bin, '--help']);
  expect(help.stdout).toContain(`Usage: ${server.bin}`);
  expect((await run(node, [bin, '--version'])).stdout).toBe(`${manifest.version}\n`);

  const client = new Client({ name: 'packages-test', version: '0' });
  // No kubeconfig or AWS credentials: tools/list must not need them.
  await client.connect(
    new StdioClientTransport({
      command: node,
      args: [bin],
      env: { PATH: process.env.PATH ?? '', HOME: app },
      cwd: app,
      stderr: 'ignore',
    }),
  );
  try {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain(server.tool);
  } finally {
    await client.close();
  }
}

/** Bundle files no import reaches from main.js: chunks of an older bundle that a package would carry for nothing. */
function unreachableChunks(bundleDir: string): string[] {
  const seen = new Set<string>();
  const queue = ['main.js'];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    // Bundled code may mention "./x.js" in its own strings; only files of the bundle count.
    if (seen.has(file) || !existsSync(join(bundleDir, file))) continue;
    seen.add(file);
    const code = readFileSync(join(bundleDir, file), 'utf8');
    for (const match of code.matchAll(/(?:from|import\()\s*["']\.\/([\w.-]+\.js)["']/g))
      queue.push(match[1] ?? '');
  }
  return readdirSync(bundleDir).filter((file) => file.endsWith('.js') && !seen.has(file));
}

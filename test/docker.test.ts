// The container image and docker-compose.yml without a Docker engine (none runs in CI): the compose file
// through Debian's `docker-compose config`, and the image through the same scripts/docker-build.sh steps
// the Dockerfile runs, in a temporary directory: bundle, assemble, `npm ci --omit=dev`, then the image's
// ENTRYPOINT starts `sre-agent serve` and the three bundled servers against the Kubernetes and AWS fakes.
// Not covered: the base image itself, the Dockerfile's COPY/USER/HEALTHCHECK semantics as Docker applies
// them (the steps are parsed and checked, not executed by Docker), file ownership, and `npm run build`
// (the test reuses the checkout's tsc output; `npm test` builds first).
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsFake, startAwsFake } from './fakes/aws/aws-fake.ts';
import { type FakeKubeApiServer, startKubeApiServer } from './fakes/kube-apiserver/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
// Asynchronous: a child that calls a fake served by this process must not find its event loop blocked.
const execFileAsync = promisify(execFile);
// Without the npm_* variables `npx vitest` sets: npm_config_local_prefix would point a child `npm ci`
// at this checkout instead of its own directory.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
) as Record<string, string>;
async function runAsync(
  file: string,
  args: string[],
  options: { cwd?: string; env: Record<string, string>; timeoutMs?: number },
) {
  try {
    const { stdout, stderr } = await execFileAsync(file, args, {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      env: options.env,
      timeout: options.timeoutMs ?? 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; signal?: string; stdout?: string; stderr?: string };
    const stderr = `${failed.stderr ?? ''}${failed.signal ? `\n(killed by ${failed.signal})` : ''}`;
    return { status: failed.code ?? 1, stdout: failed.stdout ?? '', stderr };
  }
}
/** The `url` of a process's JSON `listening` log line on stderr (the agent's and the servers' alike). */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const lines: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (line) => {
      lines.push(line);
      const entry = JSON.parse(line) as { msg?: string; url?: string };
      if (entry.msg === 'listening' && entry.url) resolve(entry.url);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${lines.join('\n')}`)));
  });
}

/** SIGTERM, and wait for the exit: children (the agent's servers) go with it, and fakes close after. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const serverBins = { k8s: 'sre-k8s-mcp', 'aws-cost': 'sre-aws-cost-mcp', 'aws-core': 'sre-aws-core-mcp' };
const hasCompose = spawnSync('docker-compose', ['--version']).status === 0;
if (!hasCompose) {
  console.warn(
    "\n*** test/docker.test.ts: SKIPPING the docker-compose.yml check: `docker-compose` is not installed (.ci/run installs Debian's; here: apt-get install docker-compose) ***\n",
  );
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(text: string): { op: string; args: string }[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

describe('Dockerfile', () => {
  const steps = instructions(dockerfile);

  it('builds only through scripts/docker-build.sh, the steps this test runs, and runs as a non-root user', () => {
    const runs = steps.filter((step) => step.op === 'RUN').map((step) => step.args);
    expect(runs).toEqual([
      'sh scripts/docker-build.sh deps',
      'sh scripts/docker-build.sh build && sh scripts/docker-build.sh assemble /out',
      'sh scripts/docker-build.sh install . && npm cache clean --force && mkdir -p data && chown node:node data',
    ]);
    // Both stages on the one pinned base image (`$` dropped: a '${...}' string literal reads as a slip).
    expect(steps.filter((step) => step.op === 'FROM').map((step) => step.args.replace('$', ''))).toEqual([
      '{NODE_IMAGE} AS build',
      '{NODE_IMAGE} AS runtime',
    ]);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    expect(steps.find((step) => step.op === 'USER')?.args).toBe('node');
    expect(steps.find((step) => step.op === 'ENTRYPOINT')?.args).toBe(
      '["/app/scripts/docker-entrypoint.sh"]',
    );
    expect(steps.find((step) => step.op === 'CMD')?.args).toBe('["sre-agent", "serve"]');
  });

  it("copies every workspace's manifest before `npm ci` (which refuses the lockfile otherwise)", () => {
    const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      workspaces: string[];
    };
    const copied = steps.filter((step) => step.op === 'COPY').map((step) => step.args.split(' ')[0]);
    for (const workspace of workspaces) expect(copied).toContain(`${workspace}/package.json`);
    const script = readFileSync(join(root, 'scripts/docker-build.sh'), 'utf8');
    expect(script).toContain(`workspaces="${workspaces.join(' ')}"`);
  });

  it('keeps node_modules, dist, .git and .env out of the build context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', '**/node_modules', '**/dist', '.env']) expect(ignored).toContain(entry);
  });
});

describe.skipIf(!hasCompose)('docker-compose.yml (docker-compose config)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sre-compose-'));
    writeFileSync(join(dir, 'docker-compose.yml'), readFileSync(join(root, 'docker-compose.yml')));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const config = (env: string) => {
    writeFileSync(join(dir, '.env'), env);
    return spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: '/home/someone' },
    });
  };

  it('is valid, and wires the image, PostgreSQL, the agent and the HTTP servers as README says', () => {
    const result = config(
      'POSTGRES_PASSWORD=pg-secret-1\nSRE_MCP_TOKEN=0123456789abcdef0123\nSRE_ALLOWED_HOSTS=sre.example.com\n',
    );
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    type Service = {
      image?: string;
      build?: unknown;
      ports?: string[];
      environment?: Record<string, string>;
      volumes?: string[];
      command?: string[];
      networks?: Record<string, unknown>;
    };
    const { services, volumes, networks } = load(result.stdout) as {
      services: Record<string, Service>;
      volumes: Record<string, unknown>;
      networks: Record<string, { internal?: boolean }>;
    };
    expect(Object.keys(services).sort()).toEqual([
      'aws-core-mcp',
      'aws-cost-mcp',
      'k8s-mcp',
      'postgres',
      'sre-agent',
    ]);
    const postgres = services.postgres!;
    expect(postgres.ports).toBeUndefined();
    expect(postgres.environment?.POSTGRES_PASSWORD).toBe('pg-secret-1');
    expect(Object.keys(volumes)).toEqual(['pgdata']);
    expect(networks.db?.internal).toBe(true);
    const agent = services['sre-agent']!;
    expect(agent.ports).toEqual(['127.0.0.1:8000:8000/tcp']);
    expect(agent.command).toEqual(['sre-agent', 'serve']);
    expect(agent.environment?.DATABASE_URL).toBe('postgres://sre:pg-secret-1@postgres:5432/sre_agent');
    expect(agent.environment?.SRE_ALLOWED_HOSTS).toBe('sre.example.com');
    // The agent spawns the servers over stdio itself: no SRE_MCP_SERVERS pointing elsewhere.
    expect(agent.environment?.SRE_MCP_SERVERS).toBeUndefined();
    for (const name of ['sre-agent', 'k8s-mcp', 'aws-cost-mcp', 'aws-core-mcp']) {
      const service = services[name]!;
      expect(service.image, name).toBe('sre-agent:local');
      expect(service.build, name).toBeDefined();
      expect(service.volumes, name).toEqual([
        '/home/someone/.kube:/home/node/.kube:ro',
        '/home/someone/.aws:/home/node/.aws:ro',
      ]);
    }
    const bins = {
      'k8s-mcp': 'sre-k8s-mcp',
      'aws-cost-mcp': 'sre-aws-cost-mcp',
      'aws-core-mcp': 'sre-aws-core-mcp',
    };
    for (const [name, bin] of Object.entries(bins)) {
      const service = services[name]!;
      expect(service.command, name).toEqual([
        bin,
        '--transport',
        'http',
        '--host',
        '0.0.0.0',
        '--port',
        '8080',
      ]);
      expect(service.environment?.SRE_MCP_TOKEN, name).toBe('0123456789abcdef0123');
      expect(service.environment?.SRE_HEALTH_URL, name).toBe('http://127.0.0.1:8080/healthz');
      expect(
        service.ports?.every((port) => port.startsWith('127.0.0.1:')),
        name,
      ).toBe(true);
      expect(Object.keys(service.networks ?? {}), name).toEqual(['mcp']);
    }
  }, 60_000);

  it('refuses to start without the PostgreSQL password or the MCP token, saying which', () => {
    const noPassword = config('SRE_MCP_TOKEN=0123456789abcdef0123\n');
    expect(noPassword.status).not.toBe(0);
    expect(noPassword.stderr).toContain('set POSTGRES_PASSWORD in .env');
    const noToken = config('POSTGRES_PASSWORD=pg-secret-1\n');
    expect(noToken.status).not.toBe(0);
    expect(noToken.stderr).toContain('set SRE_MCP_TOKEN in .env');
  }, 60_000);
});

describe('the image, built by its own steps in a clean directory', () => {
  const token = 'image-test-token-0123456789';
  let dir: string;
  let app: string;
  let kube: FakeKubeApiServer;
  let aws: AwsFake;
  let env: Record<string, string>;

  /** Runs a docker-build.sh step from the checkout, as the Dockerfile's RUN lines do. */
  async function step(args: string[], extraEnv: Record<string, string>) {
    const result = await runAsync('sh', [join(root, 'scripts/docker-build.sh'), ...args], {
      cwd: root,
      env: { ...cleanEnv, ...extraEnv },
      timeoutMs: 300_000,
    });
    if (result.status !== 0)
      throw new Error(`docker-build.sh ${args.join(' ')}: ${result.stdout}\n${result.stderr}`);
  }

  beforeAll(async () => {
    for (const built of ['orchestrator/dist/main.js', 'shared/dist/index.js'])
      if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run npm run build first`);
    dir = mkdtempSync(join(tmpdir(), 'sre-image-'));
    app = join(dir, 'app');
    const bundles = { SRE_BUNDLE_ROOT: join(dir, 'bundles') };
    // Bundled here rather than into servers/*/dist/bundle, which the package test may be re-making.
    const bundled = await runAsync(process.execPath, [join(root, 'servers/bundle.ts')], {
      cwd: root,
      env: { ...cleanEnv, ...bundles },
      timeoutMs: 300_000,
    });
    if (bundled.status !== 0) throw new Error(`bundle: ${bundled.stderr}`);
    await step(['assemble', app], bundles);
    // The registry answers from npm's cache when it can: the same `npm ci --omit=dev`, just faster.
    await step(['install', app], { npm_config_prefer_offline: 'true' });
    [kube, aws] = await Promise.all([startKubeApiServer(), startAwsFake()]);
    // The image's environment (Dockerfile ENV), but on loopback and a free port.
    env = {
      PATH: `${join(app, 'node_modules/.bin')}:${dirname(process.execPath)}:/usr/bin:/bin`,
      NODE_ENV: 'production',
      HOME: dir,
      KUBECONFIG: kube.writeKubeconfig(dir),
      ...aws.env(),
    };
  }, 600_000);

  afterAll(async () => {
    await Promise.all([kube?.close(), aws?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('holds the runtime only: bins and bundles, no sources, no dev dependencies', () => {
    for (const server of ['k8s', 'aws-cost', 'aws-core']) {
      expect(readdirSync(join(app, 'servers', server)).sort(), server).toEqual([
        'bin',
        'dist',
        'package.json',
      ]);
      expect(existsSync(join(app, 'servers', server, 'dist/bundle/main.js')), server).toBe(true);
    }
    expect(existsSync(join(app, 'orchestrator/src'))).toBe(false);
    for (const dev of [
      'typescript',
      'vitest',
      'esbuild',
      '@biomejs/biome',
      '@kubernetes/client-node',
      'node',
    ])
      expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    for (const runtime of ['hono', 'pg', '@modelcontextprotocol/sdk', '@sre-agent/shared', '@sre-agent/k8s'])
      expect(existsSync(join(app, 'node_modules', runtime)), runtime).toBe(true);
  });

  it('runs each server command through the entrypoint, bundled, and a tool call reaches its API', async () => {
    const entrypoint = join(root, 'scripts/docker-entrypoint.sh');
    const run = (args: string[]) => runAsync(entrypoint, args, { cwd: app, env });
    for (const bin of Object.values(serverBins))
      expect((await run([bin, '--version'])).stdout.trim(), bin).toMatch(/^\d+\.\d+\.\d+$/);
    const namespaces = await run(['sre-k8s-mcp', 'call', 'list_namespaces']);
    expect(namespaces.stdout, namespaces.stderr).toContain('payments');
    expect(namespaces.status).toBe(0);
    // A lazily loaded AWS SDK chunk is where a bundle breaks while tools/list still works.
    const identity = await run(['sre-aws-core-mcp', 'call', 'get_caller_identity']);
    expect(identity.status, identity.stdout + identity.stderr).toBe(0);
  }, 120_000);

  it('serves a bundled server over HTTP as compose and the cluster run it: /healthz, /metrics and the HEALTHCHECK', async () => {
    const mcpToken = 'mcp-token-0123456789abcdef';
    const child = spawn(
      join(root, 'scripts/docker-entrypoint.sh'),
      ['sre-k8s-mcp', '--transport', 'http', '--host', '127.0.0.1', '--port', '0'],
      {
        cwd: app,
        env: { ...env, SRE_MCP_TOKEN: mcpToken, SRE_MCP_STATELESS: 'true' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    try {
      const url = await listeningUrl(child);
      const origin = new URL(url).origin;
      const metrics = await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${mcpToken}` } });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('sre_mcp_');
      const probe = await runAsync('node', [join(root, 'scripts/docker-healthcheck.js')], {
        env: { ...env, SRE_HEALTH_URL: `${origin}/healthz` },
      });
      expect(probe.status, probe.stderr).toBe(0);
    } finally {
      await stop(child);
    }
  }, 120_000);

  it('starts `sre-agent serve` (the default command) with the bundled servers over stdio; /health and the HEALTHCHECK pass', async () => {
    const child = spawn(join(root, 'scripts/docker-entrypoint.sh'), [], {
      cwd: app,
      env: { ...env, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: 'memory:', SRE_API_TOKEN: token },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      const url = await listeningUrl(child);
      type Health = {
        mcpServers: Record<
          string,
          { ok: boolean; tools: number; upstream?: { reachable: boolean | null; detail?: string } }
        >;
      };
      // An upstream's first check may still be under way (reachable: null): ask again for a while.
      let response: Response | undefined;
      let health: Health | undefined;
      for (let attempt = 0; attempt < 20; attempt++) {
        response = await fetch(`${url}/health`, { headers: { authorization: `Bearer ${token}` } });
        health = (await response.json()) as Health;
        if (health.mcpServers.k8s?.upstream?.reachable !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      expect(response?.status).toBe(200);
      const servers = health?.mcpServers ?? {};
      expect(Object.keys(servers).sort()).toEqual(['aws_core', 'aws_cost', 'k8s']);
      for (const [name, server] of Object.entries(servers)) {
        expect(server.ok, name).toBe(true);
        expect(server.tools, name).toBeGreaterThan(0);
      }
      // The cluster reached, AWS credentials found (its check does not call AWS), by the bundled SDKs.
      expect(servers.k8s?.upstream?.reachable, JSON.stringify(servers.k8s)).toBe(true);
      expect(servers.aws_core?.upstream, JSON.stringify(servers.aws_core)).toMatchObject({
        configured: true,
      });
      // The children are the bundles (a checkout would run dist/main.js).
      const children = spawnSync('ps', ['-o', 'args=', '--ppid', String(child.pid)], { encoding: 'utf8' });
      for (const [server, bin] of Object.entries(serverBins))
        expect(children.stdout).toContain(join(app, 'node_modules/@sre-agent', server, 'bin', `${bin}.js`));
      const probe = await runAsync('node', [join(root, 'scripts/docker-healthcheck.js')], {
        env: { ...env, PORT: new URL(url).port },
      });
      expect(probe.status).toBe(0);
      const down = await runAsync('node', [join(root, 'scripts/docker-healthcheck.js')], {
        env: { ...env, SRE_HEALTH_URL: 'http://127.0.0.1:9/health' },
      });
      expect(down.status).toBe(1);
    } finally {
      await stop(child);
    }
  }, 120_000);
});

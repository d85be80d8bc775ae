// `<server> call` and `<server> tools` from a shell: the real bins (built by `npm test`'s build
// step) spawned as a script would run them, against the fakes. Detached, so the child has no
// controlling terminal, like cron or CI: a write must then be refused unless --yes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsFake, startAwsFake } from './fakes/aws/aws-fake.ts';
import { type FakeKubeApiServer, startKubeApiServer } from './fakes/kube-apiserver/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
let kube: FakeKubeApiServer;
let aws: AwsFake;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sre-cli-'));
  [kube, aws] = await Promise.all([startKubeApiServer(), startAwsFake()]);
  kubeconfig = kube.writeKubeconfig(dir, { contextName: 'fake' });
});

afterAll(async () => {
  await Promise.all([kube?.close(), aws?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function run(bin: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [join(root, bin), ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, KUBECONFIG: kubeconfig, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

const k8s = 'servers/k8s/bin/sre-k8s-mcp.js';
const scale = ['call', 'scale_deployment', '--arg', 'namespace=payments', '--arg', 'deployment_name=ledger'];

describe('sre-k8s-mcp from a shell', () => {
  it('runs one tool and prints its text; usage errors exit 2 naming the closest tool', async () => {
    const [listed, typo] = await Promise.all([
      run(k8s, ['call', 'list_deployments_all_namespaces']),
      run(k8s, ['call', 'get_pod_log']),
    ]);
    expect(listed).toMatchObject({ code: 0 });
    expect(listed.stdout).toMatch(/payments\s+ledger\s+1\/3/);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "get_pod_logs"');
  }, 30_000);

  it('refuses a write with no terminal, applies it with --yes, and audits the login name', async () => {
    const [refused, yesWithoutWrites] = await Promise.all([
      run(k8s, [...scale, '--arg', 'replicas=4'], { SRE_ALLOW_WRITES: 'true' }),
      run(k8s, [...scale, '--arg', 'replicas=5', '--yes']),
    ]);
    expect(yesWithoutWrites.code).toBe(2);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('add --yes');
    const applied = await run(k8s, [...scale, '--arg', 'replicas=4', '--allow-writes', '--yes']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('from 3 to 4');
    expect(applied.stderr).toContain(`"client":"cli:${userInfo().username}/`);
  }, 30_000);
});

describe('the AWS servers from a shell', () => {
  it('list their tools and call one', async () => {
    const env = aws.env('us-east-1');
    const [cost, core] = await Promise.all([
      run('servers/aws-cost/bin/sre-aws-cost-mcp.js', ['tools'], env),
      run('servers/aws-core/bin/sre-aws-core-mcp.js', ['call', 'get_caller_identity'], env),
    ]);
    expect(cost.code).toBe(0);
    expect(cost.stdout).toMatch(/^get_cost_by_service\s+\S/m);
    expect(core.code).toBe(0);
    expect(core.stdout).toMatch(/\d{12}/);
  }, 30_000);
});

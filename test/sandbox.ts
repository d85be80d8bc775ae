// `npm run sandbox`: try every tool without a cluster or an AWS account. Starts the wire-protocol
// fakes (Kubernetes API, Cost Explorer, STS/EC2/S3/RDS/IAM/EKS/CloudWatch/Logs/ELBv2/CloudTrail/
// Health) on 127.0.0.1, the three MCP servers over HTTP against them, and `sre-agent serve` (which spawns its own stdio servers against them).
// Writes are enabled so the confirmation flow can be tried; the fakes hold only invented data.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startAwsFake } from './fakes/aws/aws-fake.ts';
import { startCostExplorerFake } from './fakes/cost-explorer/index.ts';
import { startKubeApiServer } from './fakes/kube-apiserver/index.ts';

const root = resolve(import.meta.dirname, '..');
const dataDir = resolve(root, 'data/sandbox');
mkdirSync(dataDir, { recursive: true });

const kube = await startKubeApiServer();
const costExplorer = await startCostExplorerFake();
const aws = await startAwsFake();
const kubeconfig = kube.writeKubeconfig(dataDir, { contextName: 'sandbox' });

// What each server needs to talk to the fakes instead of a real cluster or account. The AWS
// credentials are dummies that only the fakes accept; nothing here reaches AWS.
const serverEnv = {
  k8s: { KUBECONFIG: kubeconfig },
  'aws-cost': { ...aws.env('us-east-1'), AWS_ENDPOINT_URL_COST_EXPLORER: costExplorer.url },
  'aws-core': aws.env('us-east-1'),
};
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  ...serverEnv.k8s,
  ...serverEnv['aws-cost'],
  ...serverEnv['aws-core'],
  SRE_ALLOW_WRITES: 'true',
};

const children: ChildProcess[] = [];
const servers = [
  ['k8s', 8081],
  ['aws-cost', 8082],
  ['aws-core', 8083],
] as const;
for (const [name, port] of servers) {
  const bin = resolve(root, `servers/${name}/dist/main.js`);
  children.push(
    spawn(process.execPath, [bin, '--transport', 'http', '--port', String(port)], { env, stdio: 'inherit' }),
  );
}
const agentPort = process.env.PORT ?? '8000';
children.push(
  spawn(process.execPath, [resolve(root, 'orchestrator/dist/main.js'), 'serve', '--port', agentPort], {
    env: { ...env, DATABASE_URL: process.env.DATABASE_URL ?? 'memory:' },
    stdio: 'inherit',
  }),
);

const bins = {
  k8s: 'servers/k8s/bin/sre-k8s-mcp.js',
  'aws-cost': 'servers/aws-cost/bin/sre-aws-cost-mcp.js',
  'aws-core': 'servers/aws-core/bin/sre-aws-core-mcp.js',
} as const;
const names = Object.keys(bins) as (keyof typeof bins)[];
const snippet = {
  mcpServers: Object.fromEntries(
    names.map((name) => [
      `sre-${name} (sandbox)`,
      {
        command: process.execPath,
        args: [resolve(root, bins[name])],
        env: { ...serverEnv[name], SRE_ALLOW_WRITES: 'true' },
      },
    ]),
  ),
};
// The union works for all three servers (each reads only its own variables); saved for `. env.sh`.
const exports = Object.entries({ ...serverEnv.k8s, ...serverEnv['aws-cost'], ...serverEnv['aws-core'] })
  .map(([key, value]) => `export ${key}=${value}`)
  .join('\n');
const envFile = resolve(dataDir, 'env.sh');
writeFileSync(envFile, `${exports}\n`);

process.stderr.write(`
Sandbox running (Ctrl-C stops everything):
  fake Kubernetes API    ${kube.url}   (kubeconfig: ${kubeconfig})
  fake Cost Explorer     ${costExplorer.url}
  fake AWS (STS, EC2...) ${aws.url}
  MCP over HTTP          http://127.0.0.1:8081/mcp (k8s), :8082/mcp (aws-cost), :8083/mcp (aws-core)
  agent API + chat page  http://127.0.0.1:${agentPort}/   (set GOOGLE_API_KEY for real answers)

Try:  npx @modelcontextprotocol/inspector   and connect to http://127.0.0.1:8081/mcp

Point the stdio servers at the fakes from a shell: \`. ${envFile}\` sets these (dummy AWS keys that
only the fakes accept; nothing reaches AWS):
${exports.replace(/^/gm, '  ')}
then, e.g.:
  npx sre-k8s-mcp call diagnose_cluster
  npx sre-aws-cost-mcp call get_cost_by_service
  npx sre-aws-core-mcp tools
Claude Desktop / VS Code / Cursor (stdio) snippet for all three:
${JSON.stringify(snippet, null, 2)}
`);

const stop = async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.allSettled([kube.close(), costExplorer.close(), aws.close()]);
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

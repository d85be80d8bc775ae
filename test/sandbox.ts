// `npm run sandbox`: try every tool without a cluster or an AWS account. Starts the wire-protocol
// fakes (Kubernetes API, Cost Explorer, STS/EC2/S3/RDS/IAM/EKS) on 127.0.0.1, the three MCP servers
// over HTTP against them, and `sre-agent serve` (which spawns its own stdio servers against them).
// Writes are enabled so the confirmation flow can be tried; the fakes hold only invented data.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
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

const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  ...aws.env('us-east-1'),
  AWS_ENDPOINT_URL_COST_EXPLORER: costExplorer.url,
  KUBECONFIG: kubeconfig,
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

const snippet = {
  mcpServers: {
    'sre-k8s (sandbox)': {
      command: process.execPath,
      args: [resolve(root, 'servers/k8s/dist/main.js')],
      env: { KUBECONFIG: kubeconfig, SRE_ALLOW_WRITES: 'true' },
    },
  },
};

process.stderr.write(`
Sandbox running (Ctrl-C stops everything):
  fake Kubernetes API    ${kube.url}   (kubeconfig: ${kubeconfig})
  fake Cost Explorer     ${costExplorer.url}
  fake AWS (STS, EC2...) ${aws.url}
  MCP over HTTP          http://127.0.0.1:8081/mcp (k8s), :8082/mcp (aws-cost), :8083/mcp (aws-core)
  agent API + chat page  http://127.0.0.1:${agentPort}/   (set GOOGLE_API_KEY for real answers)

Try:  npx @modelcontextprotocol/inspector   and connect to http://127.0.0.1:8081/mcp
Claude Desktop (stdio) snippet for the sandbox cluster:
${JSON.stringify(snippet, null, 2)}
`);

const stop = async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.allSettled([kube.close(), costExplorer.close(), aws.close()]);
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

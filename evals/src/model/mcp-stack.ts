/**
 * The servers a model run talks to, as a user would wire them: the real k8s, aws-cost and aws-core
 * MCP servers over Streamable HTTP on 127.0.0.1 (in this process, so no build of bins and no spawn per
 * task), reached through the orchestrator's own MCP hub, against the fakes holding the task's scenario.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createK8sServer, createKubeClientProvider, parseK8sConfig } from '@sre-agent/k8s';
import { createMcpHub, type McpHub } from '@sre-agent/orchestrator';
import { createLogger, parseServerConfig } from '@sre-agent/shared';
import { startHttpServer } from '@sre-agent/shared/http';
import { type FakeKubeApiServer, startKubeApiServer } from '../../../test/fakes/kube-apiserver/index.ts';
import { kubeconfigYaml } from '../../../test/fakes/kube-apiserver/kubeconfig.ts';
import { type AwsEnv, startAwsEnv } from '../aws/aws-env.ts';
import { buildScenario } from '../kube/scenario.ts';
import type { KubeScenario } from '../kube/types.ts';
import { type Task, taskNow } from '../task.ts';

export interface McpStack {
  hub: McpHub;
  kube: FakeKubeApiServer;
  aws: AwsEnv;
  /** Kinds the fake does not serve, left out of the scenario. */
  unserved: string[];
  close(): Promise<void>;
}

const quiet = () => createLogger({ name: 'eval', level: 'error', write: () => undefined });

async function serveHttp(name: string, createServer: () => McpServer) {
  return startHttpServer({
    createServer,
    host: '127.0.0.1',
    port: 0,
    token: undefined,
    allowedHosts: [],
    allowedOrigins: [],
    logger: quiet(),
    identity: { name, version: 'eval' },
  });
}

/** The kube context is named as `aws eks update-kubeconfig` names it when the task says which EKS cluster it is. */
function contextName(task: Task): string {
  const ref = task.aws?.kubeContext;
  return ref ? `arn:aws:eks:${ref.region}:123456789012:cluster/${ref.cluster}` : 'eval';
}

export async function startMcpStack(task: Task): Promise<McpStack> {
  const now = taskNow(task);
  // AWS tasks still get a (healthy) cluster: the model sees every server, as in production.
  const scenario = buildScenario((task.kube ?? {}) as KubeScenario, now);
  const kube = await startKubeApiServer({ objects: scenario.objects, logs: scenario.logs, now: () => now });
  const aws = await startAwsEnv(task);
  const dir = mkdtempSync(join(tmpdir(), 'eval-stack-'));
  // Written here rather than by the fake: its file name carries the context name, and an ARN has slashes.
  writeFileSync(join(dir, 'kubeconfig.yaml'), kubeconfigYaml(kube.url, { contextName: contextName(task) }));
  const kubeEnv = {
    KUBECONFIG: join(dir, 'kubeconfig.yaml'),
    SRE_ALLOW_WRITES: 'true',
    LOG_LEVEL: 'error',
  };
  const k8sConfig = parseK8sConfig(kubeEnv);
  const k8sDeps = { kube: createKubeClientProvider(k8sConfig), config: k8sConfig, now: () => now };
  const servers = await Promise.all([
    serveHttp('k8s', () =>
      createK8sServer({
        deps: k8sDeps,
        config: parseServerConfig(kubeEnv),
        logger: quiet(),
        writeAudit: () => {},
      }),
    ),
    serveHttp('aws_cost', aws.createCostServer),
    serveHttp('aws_core', aws.createCoreServer),
  ]);
  const names = ['k8s', 'aws_cost', 'aws_core'];
  const hub = await createMcpHub({
    servers: servers.map((s, i) => ({ name: names[i]!, url: `${s.url}/mcp` })),
    logger: quiet(),
    env: {},
    connectTimeoutMs: 10_000,
    callTimeoutMs: 60_000,
  });
  return {
    hub,
    kube,
    aws,
    unserved: scenario.unserved,
    async close() {
      await hub.close();
      await Promise.all(servers.map((s) => s.close()));
      await Promise.all([kube.close(), aws.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The AWS side of a task: the Cost Explorer fake (with the task's planned cost changes) and the AWS
 * fake (with its added resources), and factories of the real cost and core MCP servers pointed at them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createAwsClientProvider, createAwsCoreServer, parseAwsCoreConfig } from '@sre-agent/aws-core';
import { createCostExplorerClient, createCostServer, parseCostConfig } from '@sre-agent/aws-cost';
import { createLogger, parseServerConfig } from '@sre-agent/shared';
import { type AwsFake, STATIC_CREDENTIALS, startAwsFake } from '../../../test/fakes/aws/aws-fake.ts';
import type { RdsInstance } from '../../../test/fakes/aws/fixtures.ts';
import { type CostExplorerFake, startCostExplorerFake } from '../../../test/fakes/cost-explorer/index.ts';
import { AWS_NOW, type Task } from '../task.ts';

const COST_CREDENTIALS = { accessKeyId: 'AKIAFAKECOST00000001', secretAccessKey: 'fake-cost-secret' };

export interface AwsEnv {
  cost: CostExplorerFake;
  core: AwsFake;
  now: Date;
  createCostServer(): McpServer;
  createCoreServer(): McpServer;
  close(): Promise<void>;
}

interface RdsAddition extends Partial<RdsInstance> {
  region: string;
  id: string;
  createdDaysAgo?: number;
}

const quiet = () => createLogger({ name: 'eval-aws', level: 'error', write: () => undefined });

function addResources(fake: AwsFake, core: Record<string, unknown> | undefined): void {
  for (const db of (core?.rds as RdsAddition[] | undefined) ?? []) {
    const { region, createdDaysAgo, ...rest } = db;
    fake.fixtures.rds[region] = fake.fixtures.rds[region] ?? [];
    fake.fixtures.rds[region].push({
      engine: 'postgres',
      engineVersion: '16.3',
      instanceClass: 'db.r6g.large',
      status: 'available',
      multiAZ: false,
      allocatedStorage: 100,
      storageType: 'gp3',
      availabilityZone: `${region}a`,
      createdAt: new Date(Date.now() - (createdDaysAgo ?? 200) * 86_400_000),
      ...rest,
    });
  }
}

/** A kubeconfig whose current context is the EKS cluster, as `aws eks update-kubeconfig` writes it. */
function eksKubeconfig(
  dir: string,
  fake: AwsFake,
  ref: { cluster: string; region: string } | undefined,
): string {
  const path = join(dir, 'kubeconfig.yaml');
  if (!ref) return join(dir, 'no-kubeconfig');
  const cluster = fake.fixtures.eks[ref.region]?.find((c) => c.name === ref.cluster);
  const arn = `arn:aws:eks:${ref.region}:123456789012:cluster/${ref.cluster}`;
  const yaml = [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${arn}`,
    'clusters:',
    `- name: ${arn}`,
    '  cluster:',
    `    server: ${cluster?.endpoint ?? 'https://unknown.example'}`,
    'contexts:',
    `- name: ${arn}`,
    '  context:',
    `    cluster: ${arn}`,
    `    user: ${arn}`,
    'users:',
    `- name: ${arn}`,
    '  user:',
    '    exec:',
    '      apiVersion: client.authentication.k8s.io/v1beta1',
    '      command: aws',
    `      args: ["--region", "${ref.region}", "eks", "get-token", "--cluster-name", "${ref.cluster}"]`,
  ].join('\n');
  writeFileSync(path, yaml);
  return path;
}

export async function startAwsEnv(task: Task): Promise<AwsEnv> {
  const now = new Date(task.now ?? AWS_NOW);
  const spikes = task.aws?.cost?.spikes ?? [];
  const [cost, core] = await Promise.all([startCostExplorerFake({ now, spikes }), startAwsFake()]);
  addResources(core, task.aws?.core);
  const dir = mkdtempSync(join(tmpdir(), 'eval-aws-'));
  const kubeconfig = eksKubeconfig(dir, core, task.aws?.kubeContext);
  const costEnv = {
    AWS_REGION: 'us-east-1',
    AWS_MAX_ATTEMPTS: '1',
    AWS_ENDPOINT_URL_COST_EXPLORER: cost.url,
    LOG_LEVEL: 'error',
  };
  const coreEnv = {
    ...core.env('us-east-1'),
    SRE_AWS_RETRY_BASE_MS: '1',
    KUBECONFIG: kubeconfig,
    LOG_LEVEL: 'error',
  };
  return {
    cost,
    core,
    now,
    createCostServer() {
      const logger = quiet();
      const config = parseCostConfig(costEnv);
      const ce = createCostExplorerClient({ config, logger, now: () => now, credentials: COST_CREDENTIALS });
      return createCostServer({
        deps: { ce, config, now: () => now },
        config: parseServerConfig(costEnv),
        logger,
      });
    },
    createCoreServer() {
      const logger = quiet();
      const config = parseAwsCoreConfig(coreEnv);
      const aws = createAwsClientProvider(config, {
        logger,
        baseCredentials: async () => STATIC_CREDENTIALS,
      });
      return createAwsCoreServer({
        deps: { aws, config, now: () => now },
        config: parseServerConfig(coreEnv),
        logger,
      });
    },
    async close() {
      await Promise.all([cost.close(), core.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

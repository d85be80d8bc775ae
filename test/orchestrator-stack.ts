// The orchestrator as the end-to-end tests assemble it: the real runner over a PGlite store, the real
// Gemini client against the scripted fake, and REAL MCP servers spawned over stdio from their builds
// against the kube-apiserver fake (and the Cost Explorer fake when asked). Needs `npm run build` first.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, type Logger } from '@sre-agent/shared';
import { expect } from 'vitest';
import type { Runner, SessionStore } from '../orchestrator/src/adk/types.ts';
import { APP_NAME } from '../orchestrator/src/http/index.ts';
import { createMcpHub, type McpHub, type McpHubOptions } from '../orchestrator/src/mcp/mcp-hub.ts';
import type { McpServerSpec, StdioServerSpec } from '../orchestrator/src/mcp/mcp-server-spec.ts';
import { createGeminiModel } from '../orchestrator/src/model/gemini-model.ts';
import { createRunner } from '../orchestrator/src/runner/runner.ts';
import { createSessionStore } from '../orchestrator/src/store/index.ts';
import type { DatabaseHandle } from '../orchestrator/src/store/open-database.ts';
import { type CostExplorerFake, startCostExplorerFake } from './fakes/cost-explorer/index.ts';
import { type GeminiFake, startGeminiFake } from './fakes/gemini/gemini-fake.ts';
import { type FakeKubeApiServer, startKubeApiServer } from './fakes/kube-apiserver/index.ts';
import { openTestDatabase } from './test-database.ts';

export interface StackFakes {
  kube: FakeKubeApiServer;
  /** Only when `withCost` was asked for. */
  cost: CostExplorerFake | undefined;
  /** A scratch directory (kubeconfig, browser profile), removed on close. */
  dir: string;
}

export interface StackOptions {
  /** The MCP servers to spawn, once the fakes they talk to are up. */
  servers: (fakes: StackFakes) => McpServerSpec[];
  withCost?: boolean;
  /** Hub settings for fault tests (a short call timeout, quick restarts and pings); production defaults otherwise. */
  hub?: Pick<McpHubOptions, 'callTimeoutMs' | 'backoff' | 'watchdog'>;
}

export interface Stack extends StackFakes {
  gemini: GeminiFake;
  database: DatabaseHandle;
  store: SessionStore;
  hub: McpHub;
  runner: Runner;
  /** A second runner over the same store, model and hub with the seed's agent tree (SRE_AGENT_MODE=delegate). */
  delegateRunner: Runner;
  logger: Logger;
  close(): Promise<void>;
}

/** The built bin of a workspace server; fails the suite with the remedy when it was not built. */
export function builtServer(server: string): string {
  const path = fileURLToPath(new URL(`../servers/${server}/dist/main.js`, import.meta.url));
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run build first`);
  return path;
}

/** The real k8s server against the kube-apiserver fake, writes allowed (they still need a confirmation). */
export function k8sServer(fakes: StackFakes, env: Record<string, string> = {}): StdioServerSpec {
  return {
    name: 'k8s',
    command: process.execPath,
    args: [builtServer('k8s')],
    env: {
      PATH: process.env.PATH ?? '',
      KUBECONFIG: fakes.kube.writeKubeconfig(fakes.dir),
      SRE_ALLOW_WRITES: 'true',
      ...env,
    },
  };
}

/** The real aws-cost server against the Cost Explorer fake (the stack must be started `withCost`). */
export function costServer(fakes: StackFakes): StdioServerSpec {
  return {
    name: 'aws_cost',
    command: process.execPath,
    args: [builtServer('aws-cost')],
    env: {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_COST_EXPLORER: fakes.cost!.url,
    },
  };
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'sre-stack-'));
  const logger = createLogger({ name: 'stack', level: 'error', write: () => undefined });
  const [kube, gemini, cost] = await Promise.all([
    startKubeApiServer(),
    startGeminiFake(),
    options.withCost ? startCostExplorerFake() : undefined,
  ]);
  const fakes = { kube, cost, dir };
  const database = await openTestDatabase();
  const store = createSessionStore(database);
  const hub = await createMcpHub({ servers: options.servers(fakes), logger, env: {}, ...options.hub });
  const model = createGeminiModel({
    apiKey: 'k',
    model: 'gemini-e2e',
    baseUrl: gemini.url,
    timeoutMs: 5_000,
  });
  const config = { agentName: APP_NAME, maxSteps: 6, toolResultMaxChars: 20_000, historyMaxChars: 800_000 };
  const runner = createRunner({ store, model, hub, config, logger });
  const delegateRunner = createRunner({
    store,
    model,
    hub,
    config: { ...config, agentMode: 'delegate' },
    logger,
  });
  return {
    ...fakes,
    gemini,
    database,
    store,
    hub,
    runner,
    delegateRunner,
    logger,
    close: async () => {
      await hub.close();
      await store.close();
      await Promise.all([kube.close(), gemini.close(), cost?.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The model's turn asking for the one change the tests make: the fixture's checkout deployment to 5. */
export const scaleCheckoutTurn = {
  functionCalls: [
    {
      name: 'k8s__scale_deployment',
      args: { namespace: 'payments', deployment_name: 'checkout', replicas: 5 },
    },
  ],
};

/** Replicas of a payments deployment as the kube-apiserver fake holds them now. */
export function replicasOf(stack: Stack, deployment: string): number | undefined {
  return stack.kube.store.get<{ spec: { replicas: number } }>('deployments', 'payments', deployment)?.spec
    .replicas;
}

/**
 * For afterEach: the fake saw no invalid request and every scripted turn was used. It is reset first,
 * so a failed test leaves nothing behind for the next one sharing the fake.
 */
export function expectGeminiDone(gemini: GeminiFake): void {
  const failures = [...gemini.failures];
  const leftOver = gemini.remaining();
  gemini.reset();
  expect(failures).toEqual([]);
  expect(leftOver).toBe(0);
}

/**
 * Fault suite of the two AWS servers: every tool, through the real SDK, against the Cost Explorer
 * fake and the AWS fake under each wire fault. Each answer is a success (the SDK retried) or a
 * clear error inside the deadline, the servers keep serving, and nothing rejects unhandled.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type AwsCoreHarness,
  startAwsCoreHarness,
  stubAwsEnvironment,
} from '../servers/aws-core/src/test-harness.ts';
import { type AwsFake, startAwsFake } from './fakes/aws/aws-fake.ts';
import { type CostHarness, startCostHarness } from './fakes/cost-explorer/mcp-harness.ts';
import {
  callUnderFault,
  DEADLINE_MS,
  expectSafe,
  FAULTS,
  type FaultCase,
  type FaultTarget,
  type Outcome,
  watchProcess,
} from './fault-suite.ts';

const ENV = { SRE_TOOL_TIMEOUT_MS: String(DEADLINE_MS) };
const ARGS: Record<string, Record<string, unknown>> = {
  get_cost_by_tag: { tag_key: 'team' },
  list_tag_values: { tag_key: 'team' },
  list_dimension_values: { dimension: 'SERVICE' },
  describe_eks_cluster: { name: 'prod-use1' },
  // Waiting for an Insights query is outside the call's limit (the caller chose wait_seconds).
  query_logs: { log_groups: ['/ecs/web'], query: 'limit 5', wait_seconds: 1 },
  get_metrics: {
    namespace: 'AWS/ApplicationELB',
    metric_name: 'HTTPCode_Target_5XX_Count',
    dimensions: { LoadBalancer: 'app/web-alb/50dc6c495c0c9188' },
    stat: 'Sum',
  },
  get_resource_metrics: { resource: 'web-alb', type: 'load-balancer' },
  get_target_health: { load_balancer: 'web-alb' },
};

watchProcess();

/**
 * A body cut in half under a complete status line: the SDK's parser throws, its retry strategy does
 * not retry that, and the one AWS error mapper says what happened instead of the parser's words.
 */
const TRUNCATED_ONCE: FaultCase = {
  name: 'truncated once',
  rules: [{ kind: 'truncate' }],
  persistent: false,
};
const INCOMPLETE =
  /^AWS sent an incomplete response to [A-Z0-9]+ \w+ in [\w-]+: the connection was cut mid-body/;
const SDK_WORDS = /Deserialization error|\$response|SyntaxError|@aws-sdk/;

/** Every upstream error of the case: reported as an incomplete response, none in the SDK's words. */
function expectIncomplete(target: FaultTarget, outcomes: readonly Outcome[]) {
  const upstream = outcomes.filter((o) => !target.local.includes(o.tool));
  const failed = upstream.filter((o) => o.isError);
  // The SDK does not retry: a single truncated response fails the call.
  expect(failed.length).toBeGreaterThan(upstream.length / 2);
  const other = failed.filter((o) => !INCOMPLETE.test(o.text) || SDK_WORDS.test(o.text));
  expect(other.map((o) => `${o.tool}: ${o.text.slice(0, 300)}`)).toEqual([]);
}

/**
 * The first call of a tool loads its SDK client, which on a loaded CI machine can take longer
 * than the suite's short deadline; a fault case must measure the fault, not the cold start.
 */
async function warmUp(target: FaultTarget) {
  for (const tool of target.tools()) await target.call(tool);
}

async function allSucceed(target: FaultTarget) {
  const failed = [];
  for (const tool of target.tools()) {
    const { isError, text } = await target.call(tool);
    if (isError) failed.push(`${tool}: ${text.slice(0, 200)}`);
  }
  return failed;
}

describe('aws-cost server under wire faults', () => {
  let h: CostHarness;
  let tools: string[] = [];
  // The server caches answers and budgets requests per hour: a clock that jumps a day per call
  // makes every call reach the fake, so no cached answer hides a fault.
  let clock = Date.now();
  beforeAll(async () => {
    h = await startCostHarness({ env: ENV, clock: () => clock });
    tools = (await h.client.listTools()).tools.map((tool) => tool.name);
    await warmUp(target);
  });
  afterAll(() => h?.close());
  const target: FaultTarget = {
    tools: () => tools,
    call: (tool) => {
      clock += 86_400_000;
      return h.call(tool, ARGS[tool] ?? {});
    },
    wire: () => h.fake.wire,
    local: ['get_current_date_info'],
  };

  it('answers every tool without a fault (the arguments are right)', async () => {
    expect(await allSucceed(target)).toEqual([]);
  });
  for (const fault of FAULTS) {
    it(`every tool answers within its deadline: ${fault.name}`, { timeout: 120_000 }, async () => {
      expectSafe(target, fault, await callUnderFault(target, fault));
    });
  }
  it('says a truncated response is incomplete, once, not what the SDK parser said', async () => {
    expectIncomplete(target, await callUnderFault(target, TRUNCATED_ONCE));
  });
  it('serves every tool again once the faults stop', async () => {
    expect(await allSucceed(target)).toEqual([]);
  });
});

describe('aws-core server under wire faults', () => {
  let fake: AwsFake;
  let h: AwsCoreHarness;
  let tools: string[] = [];
  beforeAll(async () => {
    fake = await startAwsFake();
    stubAwsEnvironment(fake);
    h = await startAwsCoreHarness(fake, { env: ENV });
    tools = (await h.client.listTools()).tools.map((tool) => tool.name);
    await warmUp(target);
  });
  afterAll(async () => {
    await h?.close();
    await fake?.close();
    vi.unstubAllEnvs();
  });
  const target: FaultTarget = {
    tools: () => tools,
    call: (tool) => h.call(tool, ARGS[tool] ?? {}),
    wire: () => fake.wire,
    local: [],
  };

  it('answers every tool without a fault (the arguments are right)', async () => {
    expect(await allSucceed(target)).toEqual([]);
  });
  for (const fault of FAULTS) {
    it(`every tool answers within its deadline: ${fault.name}`, { timeout: 120_000 }, async () => {
      expectSafe(target, fault, await callUnderFault(target, fault));
    });
  }
  it('says a truncated response is incomplete, once, not what the SDK parser said', async () => {
    expectIncomplete(target, await callUnderFault(target, TRUNCATED_ONCE));
  });
  it('serves every tool again once the faults stop', async () => {
    expect(await allSucceed(target)).toEqual([]);
  });
});

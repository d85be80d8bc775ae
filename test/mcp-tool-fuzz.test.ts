/**
 * Generated hostile arguments for every tool of the three MCP servers, through a real MCP client
 * against the fakes: wrong types, huge and empty strings, lone surrogates and NUL, prototype keys,
 * deep nesting, extreme numbers, extra properties. A call must always come back as a result (no
 * transport error, no unhandled rejection, no "failed unexpectedly"), within the deadline, and when
 * the arguments break the published schema, as an isError naming a parameter they break it on.
 * Writes are enabled and every confirmation is declined: the fake must see no real (non-dry-run)
 * change. Rerun one failure with FUZZ_SEED=<seed printed> and the same test.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAwsCoreHarness, stubAwsEnvironment } from '../servers/aws-core/src/test-harness.ts';
import { type AwsFake, startAwsFake } from './fakes/aws/aws-fake.ts';
import { startCostHarness } from './fakes/cost-explorer/mcp-harness.ts';
import { FUZZ_SEED } from './fuzz-values.ts';
import { type JsonSchema, offendingKeys, toolArguments, type Vocabulary } from './json-schema-args.ts';
import { startK8sHarness } from './k8s-harness.ts';

const DEADLINE_MS = 5_000;
/** Scheduling slack on a loaded 2-core machine on top of the server's own deadline. */
const SLACK_MS = 2_000;
const RUNS_PER_TOOL = Number(process.env.FUZZ_RUNS ?? 25);
const env = { SRE_TOOL_TIMEOUT_MS: String(DEADLINE_MS) };

const escapes: unknown[] = [];
const onEscape = (error: unknown) => escapes.push(error);
beforeAll(() => {
  process.on('unhandledRejection', onEscape);
  process.on('uncaughtException', onEscape);
});
afterAll(() => {
  process.off('unhandledRejection', onEscape);
  process.off('uncaughtException', onEscape);
});

const preview = (args: unknown) => {
  const text = fc.stringify(args);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

/**
 * The schema as the servers read it: a bare string where a list of strings is asked for is taken
 * as a list of one (k8s `contexts`, `types`), on purpose, since models often send one name so.
 */
function asRead(schema: JsonSchema): JsonSchema {
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([key, property]) => {
      const lists = [property, ...(property.anyOf ?? [])].filter(
        (option) => option.type === 'array' && option.items?.type === 'string',
      );
      const one = lists[0]?.items;
      return [key, one ? { anyOf: [property, { ...one, minLength: 1 }] } : property];
    }),
  );
  return { ...schema, properties };
}

/**
 * `wait_seconds` asks a tool to watch a rollout for that long, outside its deadline, by design
 * (up to 600 s); the fuzz keeps valid waits to a second so a run stays bounded.
 */
function shortWaits(args: Record<string, unknown>): Record<string, unknown> {
  const wait = args.wait_seconds;
  return typeof wait === 'number' && wait > 1 && wait <= 600 ? { ...args, wait_seconds: 1 } : args;
}

/** Every listed tool, each with generated arguments; returns the calls made, for a server-level check. */
async function fuzzEveryTool(
  client: Client,
  words: Vocabulary,
  examples: Record<string, Record<string, unknown>[]> = {},
): Promise<{ calls: number; answered: number }> {
  const { tools } = await client.listTools();
  expect(tools.length).toBeGreaterThan(0);
  let calls = 0;
  let answered = 0;
  for (const tool of tools) {
    const schema = tool.inputSchema as JsonSchema;
    await fc.assert(
      fc.asyncProperty(toolArguments(schema, words, tool.name).map(shortWaits), async (args) => {
        calls += 1;
        const started = Date.now();
        let result: CallToolResult;
        try {
          result = (await client.callTool({ name: tool.name, arguments: args })) as CallToolResult;
        } catch (error) {
          throw new Error(`${tool.name} ${preview(args)}: transport error ${String(error)}`);
        }
        const elapsed = Date.now() - started;
        const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
        const where = `${tool.name} ${preview(args)} -> ${text.slice(0, 300)}`;
        if (elapsed > DEADLINE_MS + SLACK_MS) throw new Error(`${where}: took ${elapsed} ms`);
        if (/failed unexpectedly/.test(text)) throw new Error(`${where}: a crash in the handler`);
        if (escapes.length > 0) throw new Error(`${where}: unhandled ${String(escapes[0])}`);
        if (result.isError !== true) answered += 1;
        const offending = offendingKeys(asRead(schema), args);
        if (offending.length > 0) {
          if (result.isError !== true) throw new Error(`${where}: accepted arguments breaking ${offending}`);
          if (!offending.some((key) => text.includes(key)))
            throw new Error(`${where}: names none of ${offending}`);
        }
      }),
      {
        numRuns: RUNS_PER_TOOL,
        seed: FUZZ_SEED,
        endOnFailure: true,
        examples: (examples[tool.name] ?? []).map((args) => [args]),
      },
    );
  }
  return { calls, answered };
}

describe('generated hostile tool arguments', () => {
  it('sre-k8s-mcp, writes enabled, every toolset: results in time, parameter named, no change without a yes', async () => {
    const k8s = await startK8sHarness({
      env: { ...env, SRE_ALLOW_WRITES: 'true' },
      elicit: () => ({ action: 'decline' }),
    });
    try {
      const words = {
        namespace: ['payments'],
        context: ['fake'],
        deployment_name: ['ledger'],
        workload: ['deployment/ledger', 'statefulset/ledger-db'],
        pod_name: ['ledger-db-0', 'ledger-5c8d7f9b4d-x9p4r'],
        any: [
          'payments',
          'default',
          'kube-system',
          'ledger',
          'ledger-db',
          'ledger-db-0',
          'ledger-5c8d7f9b4d-x9p4r',
          'envoy',
          'Deployment',
          'deployment/ledger',
          'Deployment/ledger',
          'StatefulSet/ledger-db',
          'pods',
          'svc',
          'fake',
          'error|timeout',
          'app=ledger',
        ],
      };
      // Each write is tried on a real workload too, so the decline path is walked every run.
      const writes = {
        scale_deployment: [{ namespace: 'payments', deployment_name: 'ledger', replicas: 0 }],
        restart_workload: [{ namespace: 'payments', workload: 'deployment/ledger', __extra: '\u0000' }],
        rollback_deployment: [{ namespace: 'payments', deployment_name: 'ledger' }],
      };
      const { calls, answered } = await fuzzEveryTool(k8s.client, words, writes);
      // The generated arguments reach the handlers, not only the schema check, and the writes their prompt.
      expect(calls).toBeGreaterThan(200);
      expect(answered).toBeGreaterThan(calls / 8);
      expect(k8s.elicitations.length).toBeGreaterThan(0);
      const changes = k8s.api.requests.filter(
        (request) => request.method !== 'GET' && request.query.dryRun !== 'All',
      );
      expect(changes).toEqual([]);
      expect(escapes).toEqual([]);
    } finally {
      await k8s.close();
    }
  }, 120_000);

  it('sre-aws-cost-mcp: results in time, parameter named', async () => {
    const cost = await startCostHarness({ env: { ...env, SRE_CE_MAX_REQUESTS_PER_HOUR: '100000' } });
    try {
      const words = {
        tag_key: ['team'],
        any: ['SERVICE', 'team', 'env', 'this_month', 'last_month', '2025-05', '2025-06-01', 'tag:team'],
      };
      const { calls, answered } = await fuzzEveryTool(cost.client, words);
      expect(calls).toBeGreaterThan(100);
      expect(answered).toBeGreaterThan(calls / 8);
      expect(escapes).toEqual([]);
    } finally {
      await cost.close();
    }
  }, 120_000);

  describe('sre-aws-core-mcp', () => {
    let fake: AwsFake;
    beforeAll(async () => {
      fake = await startAwsFake();
      stubAwsEnvironment(fake);
    });
    afterAll(async () => {
      vi.unstubAllEnvs();
      await fake.close();
    });
    it('results in time, parameter named', async () => {
      const core = await startAwsCoreHarness(fake, { env });
      try {
        const words = {
          any: ['us-east-1', 'eu-west-1', 'readonly', 'partner', 'forbidden', 'prod-use1', 'running'],
        };
        const { calls, answered } = await fuzzEveryTool(core.client, words);
        expect(calls).toBeGreaterThan(60);
        expect(answered).toBeGreaterThan(calls / 8);
        expect(escapes).toEqual([]);
      } finally {
        await core.close();
      }
    }, 120_000);
  });
});

// Secret canaries, beyond the k8s tool outputs that k8s-redaction.test.ts scans: AWS keys, session
// tokens and credentials in URLs inside AWS error texts (both AWS servers, every tool, every output mode,
// and the servers' own signing secret), and one orchestrator turn that calls k8s tools through the hub on
// the leaky fixtures plus a log line with credentials and approves a write: every byte that left toward
// the model, the events (HTTP and SSE frames), the audit_log rows and the logs (the servers' stderr
// included) searched for every canary, plain, base64 (any alignment) and URL-encoded. Zero found.
import { createLogger } from '@sre-agent/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AdkEvent } from '../orchestrator/src/adk/types.ts';
import { APP_NAME, createApp } from '../orchestrator/src/http/index.ts';
import { createMcpHub } from '../orchestrator/src/mcp/mcp-hub.ts';
import { createGeminiModel } from '../orchestrator/src/model/gemini-model.ts';
import { createRunner } from '../orchestrator/src/runner/runner.ts';
import { createSessionStore } from '../orchestrator/src/store/index.ts';
import { startAwsCoreHarness, stubAwsEnvironment } from '../servers/aws-core/src/test-harness.ts';
import { bundleServer, pinnedNode } from './bundled-server.ts';
import { startAwsFake } from './fakes/aws/aws-fake.ts';
import { IAM_ACTIONS } from './fakes/aws/errors.ts';
import type { AwsService } from './fakes/aws/protocol.ts';
import { startCostHarness, TEST_CREDENTIALS } from './fakes/cost-explorer/mcp-harness.ts';
import { startGeminiFake } from './fakes/gemini/gemini-fake.ts';
import { clockAt } from './fakes/kube-apiserver/build.ts';
import { defaultFixtures, SECRET_MARKER } from './fakes/kube-apiserver/fixtures.ts';
import { leakyFixtures } from './fakes/kube-apiserver/fixtures-leaky.ts';
import { startKubeApiServer } from './fakes/kube-apiserver/index.ts';
import { logKey } from './fakes/kube-apiserver/types.ts';
import type { JsonSchema } from './json-schema-args.ts';
import { openTestDatabase } from './test-database.ts';

/** The canary as it appears inside any base64 text, whatever its offset: one form per alignment. */
function base64Forms(canary: string): string[] {
  return [0, 1, 2].map((skip) => {
    const aligned = canary.slice(skip, skip + Math.floor((canary.length - skip) / 3) * 3);
    return Buffer.from(aligned).toString('base64');
  });
}

const formsOf = (canaries: string[]) =>
  canaries.flatMap((canary) => [...new Set([canary, encodeURIComponent(canary), ...base64Forms(canary)])]);

/** Every form of every canary found in `text`, with where it was found. */
function leaks(where: string, text: string, forms: string[]): string[] {
  return forms.filter((form) => text.includes(form)).map((form) => `${where} leaked "${form}"`);
}

// What AWS might put in an error text: a key pair, a session token, a URL with a password in it.
const AWS_CANARIES = {
  accessKeyId: 'AKIACANARY7Q2X9K4Z00',
  secret: 'Canary/Secret+Key7Q2x9K4zW8mN3pL6vB1cR5t',
  sessionToken: 'IQoJb3JpZ2luX2VjECanarySessionToken7Q2x9K4z',
  urlPassword: 'CanaryUrlPw7Q2x9',
};
const awsErrorText = [
  `The request signature we calculated does not match. AccessKeyId ${AWS_CANARIES.accessKeyId},`,
  `SecretAccessKey ${AWS_CANARIES.secret}, X-Amz-Security-Token ${AWS_CANARIES.sessionToken};`,
  `see https://deploy:${AWS_CANARIES.urlPassword}@internal.example.com/help`,
].join(' ');

/** Arguments per tool: the required ones from this table, then each output mode the tool offers. */
const requiredValues: Record<string, unknown> = {
  name: 'prod-use1',
  tag_key: 'team',
  dimension: 'SERVICE',
  log_groups: ['/ecs/web'],
  query: 'limit 5',
  namespace: 'AWS/EC2',
  metric_name: 'CPUUtilization',
  resource: 'i-0abc10064def01234',
};

function argumentSets(schema: JsonSchema): Record<string, unknown>[] {
  const base: Record<string, unknown> = {};
  for (const key of schema.required ?? []) {
    if (!(key in requiredValues))
      throw new Error(`secret-canaries.test.ts has no value for "${key}"; add one`);
    base[key] = requiredValues[key];
  }
  const outputs = (schema.properties?.output?.enum ?? [undefined]) as (string | undefined)[];
  return outputs.map((output) => (output === undefined ? base : { ...base, output }));
}

describe('secret canaries in AWS error texts', () => {
  it('sre-aws-core-mcp: every tool, every output mode, with and without an assumed role', async () => {
    const fake = await startAwsFake();
    stubAwsEnvironment(fake);
    const harness = await startAwsCoreHarness(fake, { env: { SRE_AWS_RETRY_BASE_MS: '1' } });
    try {
      for (const key of Object.keys(IAM_ACTIONS)) {
        const [service, operation] = key.split(':') as [AwsService, string];
        fake.fail({
          service,
          operation,
          error: { code: 'InvalidSignatureException', status: 400, message: awsErrorText },
        });
      }
      const forms = formsOf([...Object.values(AWS_CANARIES), fake.credentials.secretAccessKey]);
      const found: string[] = [];
      const { tools } = await harness.client.listTools();
      let errors = 0;
      for (const tool of tools) {
        for (const args of argumentSets(tool.inputSchema as JsonSchema)) {
          for (const role of [{}, { role_name: 'readonly' }]) {
            if (
              !(tool.inputSchema.properties && 'role_name' in tool.inputSchema.properties) &&
              'role_name' in role
            )
              continue;
            const call = await harness.call(tool.name, { ...args, ...role });
            if (call.isError) errors += 1;
            found.push(
              ...leaks(
                `${tool.name} ${JSON.stringify({ ...args, ...role })}`,
                JSON.stringify(call.result),
                forms,
              ),
            );
          }
        }
      }
      found.push(...leaks('aws-core log', harness.logs.join('\n'), forms));
      expect(found).toEqual([]);
      // The canaries were really served: the calls failed on the injected errors.
      expect(errors).toBeGreaterThan(tools.length / 2);
    } finally {
      await harness.close();
      vi.unstubAllEnvs();
      await fake.close();
    }
  }, 60_000);

  it('sre-aws-cost-mcp: every tool, every output mode', async () => {
    const harness = await startCostHarness({ env: { SRE_CE_MAX_REQUESTS_PER_HOUR: '100000' } });
    try {
      harness.fake.injectError({
        type: 'UnrecognizedClientException',
        status: 400,
        message: awsErrorText,
        times: 10_000,
      });
      const forms = formsOf([...Object.values(AWS_CANARIES), TEST_CREDENTIALS.secretAccessKey]);
      const found: string[] = [];
      const { tools } = await harness.client.listTools();
      let errors = 0;
      for (const tool of tools) {
        for (const args of argumentSets(tool.inputSchema as JsonSchema)) {
          const call = await harness.call(tool.name, args);
          if (call.isError) errors += 1;
          found.push(...leaks(`${tool.name} ${JSON.stringify(args)}`, JSON.stringify(call.result), forms));
        }
      }
      found.push(...leaks('aws-cost log', harness.logs.join('\n'), forms));
      expect(found).toEqual([]);
      expect(errors).toBeGreaterThan(tools.length / 2);
    } finally {
      await harness.close();
    }
  }, 60_000);
});

describe('secret canaries through an orchestrator turn', () => {
  const now = new Date();
  const cluster = defaultFixtures(now);
  const leaky = leakyFixtures(clockAt(now));
  const LOG_CANARIES = ['CanaryLogPw7Q2x9K', 'CanaryLogBearer7Q2x9K4zW8mN3pL6'];
  const logLine = `connecting to postgres://ledger:${LOG_CANARIES[0]}@db.payments:5432/ledger with Authorization: Bearer ${LOG_CANARIES[1]}`;
  const forms = formsOf([SECRET_MARKER, ...leaky.canaries, ...LOG_CANARIES]);
  const logs: string[] = [];
  let close: () => Promise<void> = async () => undefined;
  let app: ReturnType<typeof createApp>;
  let gemini: Awaited<ReturnType<typeof startGeminiFake>>;
  let database: Awaited<ReturnType<typeof openTestDatabase>>;

  beforeAll(async () => {
    const key = logKey('payments', 'ledger-5c8d7f9b4d-q7k2m', 'ledger');
    const podLogs = { ...cluster.logs };
    podLogs[key] = {
      ...podLogs[key],
      current: [...(podLogs[key]?.current ?? []), { time: now.toISOString(), text: logLine }],
    };
    const [kube, k8sBin] = await Promise.all([
      startKubeApiServer({ objects: [...cluster.objects, ...leaky.objects], logs: podLogs, now: () => now }),
      bundleServer('k8s'),
    ]);
    gemini = await startGeminiFake();
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/sre-canaries-`);
    // Debug level: the hub logs every line the server writes to stderr (its own logs and audit lines).
    const logger = createLogger({ name: 'canaries', level: 'debug', write: (line) => logs.push(line) });
    database = await openTestDatabase();
    const store = createSessionStore(database);
    const hub = await createMcpHub({
      servers: [
        {
          name: 'k8s',
          command: pinnedNode,
          args: [k8sBin],
          env: {
            PATH: process.env.PATH ?? '',
            KUBECONFIG: kube.writeKubeconfig(dir),
            SRE_ALLOW_WRITES: 'true',
            LOG_LEVEL: 'debug',
          },
        },
      ],
      logger,
      env: {},
    });
    const model = createGeminiModel({
      apiKey: 'k',
      model: 'gemini-canary',
      baseUrl: gemini.url,
      timeoutMs: 5_000,
    });
    const config = { agentName: APP_NAME, maxSteps: 6, toolResultMaxChars: 20_000, historyMaxChars: 800_000 };
    const runner = createRunner({ store, model, hub, config, logger });
    app = createApp({
      store,
      runner,
      config: { apiToken: undefined, corsOrigins: [] },
      logger,
      version: 'canary',
    });
    close = async () => {
      await hub.close();
      await store.close();
      await Promise.all([kube.close(), gemini.close()]);
    };
  }, 90_000);

  afterAll(() => close());

  const post = (path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('leaves no canary in model requests, events, SSE frames, audit rows or logs', async () => {
    const session = (await (await post(`/apps/${APP_NAME}/users/oncall/sessions`, {})).json()) as {
      id: string;
    };
    const reads = [
      { name: 'k8s__list_secrets_from_namespace', args: { namespace: 'payments' } },
      {
        name: 'k8s__describe_resource',
        args: { namespace: 'payments', kind: 'Secret', name: 'db-credentials', output: 'json' },
      },
      {
        name: 'k8s__get_pod_details',
        args: { namespace: 'payments', pod_name: 'leaky-debug', output: 'json' },
      },
      { name: 'k8s__get_deployment_details', args: { namespace: 'payments', deployment_name: 'leaky-api' } },
      {
        name: 'k8s__get_pod_logs',
        args: { namespace: 'payments', pod_name: 'ledger-5c8d7f9b4d-q7k2m', container: 'ledger' },
      },
      { name: 'k8s__diagnose_workload', args: { namespace: 'payments', workload: 'deployment/leaky-api' } },
    ];
    gemini.push(
      { functionCalls: reads },
      {
        functionCalls: [
          {
            name: 'k8s__scale_deployment',
            args: { namespace: 'payments', deployment_name: 'leaky-api', replicas: 1 },
          },
        ],
      },
    );
    const first = await post('/run', {
      app_name: APP_NAME,
      user_id: 'oncall',
      session_id: session.id,
      new_message: { role: 'user', parts: [{ text: 'What is wrong with leaky-api? Scale it to 1.' }] },
    });
    expect(first.status).toBe(200);
    const firstText = await first.text();
    const events = JSON.parse(firstText) as AdkEvent[];
    const confirmation = events.at(-1)?.content?.parts[0]?.functionCall;
    expect(confirmation?.name).toBe('adk_request_confirmation');
    gemini.push({ text: 'Scaled leaky-api to 1.' });
    const resumed = await post('/run_sse', {
      app_name: APP_NAME,
      user_id: 'oncall',
      session_id: session.id,
      streaming: true,
      new_message: {
        role: 'user',
        parts: [
          {
            function_response: {
              id: confirmation?.id,
              name: 'adk_request_confirmation',
              response: { confirmed: true },
            },
          },
        ],
      },
    });
    expect(resumed.status).toBe(200);
    const frames = await resumed.text();
    expect(frames).toContain('Scaled leaky-api to 1.');
    const stored = await app.request(`/apps/${APP_NAME}/users/oncall/sessions/${session.id}`);
    const sessionText = await stored.text();
    const audit = await database.db.selectFrom('audit_log').selectAll().execute();
    expect(audit.length).toBeGreaterThan(0);
    // The tools really answered (their results reached the model), so there was something to leak.
    const toModel = JSON.stringify(gemini.requests);
    expect(toModel).toContain('db-credentials');
    expect(toModel).toContain('leaky-debug');
    expect(logs.some((line) => line.includes('server stderr'))).toBe(true);

    const found = [
      ...leaks('model requests', toModel, forms),
      ...leaks('/run events', firstText, forms),
      ...leaks('/run_sse frames', frames, forms),
      ...leaks('stored session', sessionText, forms),
      ...leaks('audit_log', JSON.stringify(audit), forms),
      ...leaks('logs and server stderr', logs.join('\n'), forms),
    ];
    expect(found).toEqual([]);
    expect(gemini.failures).toEqual([]);
  }, 90_000);
});

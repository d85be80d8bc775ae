// Generated hostile requests into the orchestrator's HTTP API (bodies generated from its request schemas,
// and mutations of valid bodies: a value replaced by a hostile one, a key dropped, truncated JSON) and
// into the Slack endpoint (signed, so they reach the bot): never a 5xx. Then the property that matters
// for a session's future: every session the fuzz touched still takes a normal turn, and the Gemini fake
// (which validates requests as the real API does) saw no request it would refuse. Real runner, real
// Gemini client, PGlite store, no MCP servers. Rerun a failure with FUZZ_SEED=<seed printed>.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AdkEvent } from '../orchestrator/src/adk/types.ts';
import { APP_NAME, createApp } from '../orchestrator/src/http/index.ts';
import { createSessionSchema, runRequestSchema } from '../orchestrator/src/http/request-schemas.ts';
import { createSlackFrontEnd, type SlackFrontEnd } from '../orchestrator/src/slack/index.ts';
import {
  appMention,
  eventCallback,
  interactionBody,
  type SlackFake,
  signedRequest,
  startSlackFake,
} from './fakes/slack/index.ts';
import { FUZZ_SEED, hostileString, hostileValue, withOwnKey } from './fuzz-values.ts';
import { type JsonSchema, toolArguments } from './json-schema-args.ts';
import { type Stack, startStack } from './orchestrator-stack.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const secret = 'slack-signing-secret-for-fuzz';
const botToken = 'xoxb-fuzz-token';

let stack: Stack;
let slackApi: SlackFake;
let slack: SlackFrontEnd;
let app: ReturnType<typeof createApp>;
const pool: string[] = [];

beforeAll(async () => {
  [stack, slackApi] = await Promise.all([
    startStack({ servers: () => [] }),
    startSlackFake({ token: botToken }),
  ]);
  const { store, runner, logger } = stack;
  slack = createSlackFrontEnd({
    config: { botToken, signingSecret: secret, apiBaseUrl: slackApi.url },
    store,
    runner,
    hub: stack.hub,
    logger,
    appName: APP_NAME,
  });
  app = createApp({
    store,
    runner,
    config: { apiToken: undefined, corsOrigins: [] },
    logger,
    version: 'fuzz',
    publicRoutes: [slack.routes],
  });
  for (let i = 0; i < 3; i++) {
    const response = await send('POST', `/apps/${APP_NAME}/users/oncall/sessions`, '{}');
    pool.push(((await response.json()) as { id: string }).id);
  }
  // Every turn that reaches the model gets a plain answer; what is left is dropped before the check.
  stack.gemini.push(...Array.from({ length: 2_000 }, () => ({ text: 'ok' })));
}, 60_000);

afterAll(async () => {
  await Promise.all([stack?.close(), slackApi?.close()]);
});

async function send(method: string, path: string, body: string, contentType = 'application/json') {
  return app.request(path, { method, headers: { 'content-type': contentType }, body });
}

/** Sends, reads the whole answer (SSE included) and fails on any 5xx, showing what caused it. */
async function expectNo5xx(method: string, path: string, body: string, contentType?: string) {
  const response = await send(method, path, body, contentType);
  const text = await response.text();
  if (response.status >= 500) {
    throw new Error(`${method} ${path} ${body.slice(0, 400)} -> ${response.status} ${text.slice(0, 400)}`);
  }
  return { status: response.status, text };
}

const jsonSchemaOf = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as unknown as JsonSchema;

const words = () => ({
  appName: [APP_NAME],
  userId: ['oncall'],
  sessionId: pool,
  role: ['user'],
  name: ['adk_request_confirmation'],
  author: ['user', APP_NAME],
  any: ['hello', 'what is broken?', 'ok'],
});

/** A valid body for each route, as a client would send it. */
const textPart = fc.record({ text: fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), hostileString) });
const message = fc.record({
  role: fc.constant('user'),
  parts: fc.array(textPart, { minLength: 1, maxLength: 3 }),
});
const validRun = () =>
  fc.record({
    app_name: fc.constant(APP_NAME),
    user_id: fc.constant('oncall'),
    session_id: fc.constantFrom(...pool),
    new_message: message,
  });
const importedEvent = fc.record({
  author: fc.constantFrom('user', APP_NAME),
  content: fc.record({
    role: fc.constantFrom('user', 'model'),
    parts: fc.array(textPart, { minLength: 1, maxLength: 2 }),
  }),
});
const validCreate = fc.record(
  {
    state: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    events: fc.array(importedEvent, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], depth = 0): Path[] {
  if (depth > 6 || value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key], depth + 1))];
}

/** A valid body with one thing broken: a value replaced, a key dropped, a prototype key added. */
function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.nat(), hostileValue, fc.constantFrom('set', 'drop', 'proto'))
    .map(([body, pick, hostile, how]) => {
      const copy = JSON.parse(JSON.stringify(body)) as unknown;
      const paths = pathsOf(copy).filter((path) => path.length > 0);
      const path = paths[pick % Math.max(paths.length, 1)];
      if (!path) return hostile;
      const parent = path
        .slice(0, -1)
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], copy) as Record<
        string | number,
        unknown
      >;
      const last = path.at(-1) as string | number;
      if (how === 'set') parent[last] = hostile;
      else if (how === 'drop') delete parent[last];
      else Object.assign(parent, withOwnKey('__proto__', hostile));
      return copy;
    });
}

/** A body as the client sends it: JSON of the value, sometimes cut short or with a trailing byte. */
const asBody = (value: fc.Arbitrary<unknown>) =>
  fc
    .tuple(value, fc.constantFrom('whole', 'whole', 'whole', 'cut', 'trail'), fc.nat())
    .map(([body, how, at]) => {
      const json = stringify(body);
      if (how === 'cut') return json.slice(0, at % (json.length + 1));
      if (how === 'trail') return `${json}\u0000`;
      return json;
    });

async function sessionsTouched(): Promise<{ app_name: string; user_id: string; id: string }[]> {
  return stack.database.db.selectFrom('sessions').select(['app_name', 'user_id', 'id']).execute();
}

describe('generated hostile requests into the orchestrator', () => {
  it('/run, /run_sse and the session routes never answer 5xx', async () => {
    const runSchema = jsonSchemaOf(runRequestSchema);
    const generatedRun = toolArguments(runSchema, words(), 'run');
    await fc.assert(
      fc.asyncProperty(
        asBody(fc.oneof(validRun(), mutated(validRun()), generatedRun)),
        fc.boolean(),
        async (body, sse) => {
          await expectNo5xx('POST', sse ? '/run_sse' : '/run', body);
        },
      ),
      { numRuns: RUNS * 3, seed: FUZZ_SEED, endOnFailure: true },
    );
    const createSchema = jsonSchemaOf(createSessionSchema);
    await fc.assert(
      fc.asyncProperty(
        asBody(fc.oneof(validCreate, mutated(validCreate), toolArguments(createSchema, words(), 'session'))),
        fc.constantFrom('oncall', 'other', '\u0000', '%00', 'a%2Fb', '__proto__'),
        async (body, user) => {
          await expectNo5xx('POST', `/apps/${APP_NAME}/users/${encodeURIComponent(user)}/sessions`, body);
        },
      ),
      { numRuns: RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
    const stateBody = fc.oneof(
      fc.record({ state: fc.jsonValue({ maxDepth: 3 }) }),
      fc.record({ stateDelta: fc.jsonValue({ maxDepth: 3 }) }),
      mutated(fc.record({ stateDelta: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })) })),
      hostileValue,
    );
    await fc.assert(
      fc.asyncProperty(
        asBody(stateBody),
        fc.constantFrom('POST', 'PATCH'),
        fc.constantFrom(...pool, 'new-1', '\u2028'),
        async (body, method, id) => {
          await expectNo5xx(
            method,
            `/apps/${APP_NAME}/users/oncall/sessions/${encodeURIComponent(id)}`,
            body,
          );
        },
      ),
      { numRuns: RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
  }, 120_000);

  it('the Slack endpoint, signed, never answers 5xx', async () => {
    let ts = 1_700_000_000;
    const mention = fc
      .tuple(fc.oneof(hostileString, fc.string()), fc.constantFrom('U1', 'U2'), fc.constantFrom('C1', 'C2'))
      .map(([text, user, channel]) =>
        eventCallback(appMention({ user, channel, text, ts: `${++ts}.000100` })),
      );
    const events = fc.oneof(mention, mutated(mention), hostileValue);
    // Signed, so each body gets past the signature check to the bot's parsing and its runs.
    await fc.assert(
      fc.asyncProperty(asBody(events), fc.boolean(), async (body, asForm) => {
        const form = asForm
          ? interactionBody(JSON.parse(body.startsWith('{') ? safeJson(body) : '{}'))
          : body;
        const contentType = asForm ? 'application/x-www-form-urlencoded' : 'application/json';
        const response = await app.request('/slack/events', signedRequest(secret, form, contentType));
        const text = await response.text();
        if (response.status >= 500)
          throw new Error(`slack ${form.slice(0, 300)} -> ${response.status} ${text.slice(0, 300)}`);
      }),
      { numRuns: RUNS * 2, seed: FUZZ_SEED, endOnFailure: true },
    );
    await slack.idle();
  }, 120_000);

  it('afterwards every touched session takes a normal turn, and the model saw no request it would refuse', async () => {
    await slack.idle();
    // Many generated turns reached the model (and were stored), not only the validators.
    expect(stack.gemini.requests.length).toBeGreaterThan(RUNS / 2);
    expect(stack.gemini.failures).toEqual([]);
    stack.gemini.reset();
    const sessions = await sessionsTouched();
    expect(sessions.length).toBeGreaterThan(pool.length);
    const failed: string[] = [];
    for (const session of sessions) {
      stack.gemini.push({ text: 'still fine' });
      const response = await send(
        'POST',
        '/run',
        JSON.stringify({
          app_name: session.app_name,
          user_id: session.user_id,
          session_id: session.id,
          new_message: { role: 'user', parts: [{ text: 'status?' }] },
        }),
      );
      const events = response.status === 200 ? ((await response.json()) as AdkEvent[]) : [];
      const last = events.at(-1);
      if (last?.content?.parts[0]?.text !== 'still fine') {
        failed.push(
          `${session.user_id}/${session.id}: ${response.status} ${JSON.stringify(last ?? {}).slice(0, 300)}`,
        );
      }
    }
    expect(failed).toEqual([]);
    expect(stack.gemini.failures).toEqual([]);
  }, 120_000);
});

function safeJson(text: string): string {
  try {
    JSON.parse(text);
    return text;
  } catch {
    return '{}';
  }
}

/** JSON text of a value; one too deep for this stack is sent as deep as the server would see it. */
function stringify(body: unknown): string {
  try {
    return JSON.stringify(body) ?? 'undefined';
  } catch {
    return `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
  }
}

// Two orchestrator replicas behind one Slack app, on one real PostgreSQL: Slack's retry of an event (or
// the same event arriving at both, as a load balancer may deliver it) runs once, whichever replica takes
// it. Each replica has its own store, runner and Slack front end; the Gemini and Slack fakes are shared.
import { createLogger } from '@sre-agent/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionStore } from '../orchestrator/src/adk/types.ts';
import { APP_NAME, createApp } from '../orchestrator/src/http/index.ts';
import { createMcpHub, type McpHub } from '../orchestrator/src/mcp/mcp-hub.ts';
import { createGeminiModel } from '../orchestrator/src/model/gemini-model.ts';
import { createRunner } from '../orchestrator/src/runner/runner.ts';
import { createSlackFrontEnd, type SlackFrontEnd } from '../orchestrator/src/slack/index.ts';
import { openSessionStore } from '../orchestrator/src/store/index.ts';
import { type GeminiFake, startGeminiFake } from './fakes/gemini/gemini-fake.ts';
import {
  appMention,
  eventCallback,
  reactionAdded,
  type SlackFake,
  signedRequest,
  startSlackFake,
} from './fakes/slack/index.ts';
import { type ThrowawayDatabase, throwawayDatabase } from './orchestrator-postgres.ts';
import { expectGeminiDone } from './orchestrator-stack.ts';

const skipPostgres = process.env.SRE_TEST_SKIP_POSTGRES === '1';
if (skipPostgres) console.warn('SKIPPED: two Slack replicas need PostgreSQL (SRE_TEST_SKIP_POSTGRES=1)');

const secret = 'slack-signing-secret-for-replicas';
const botToken = 'xoxb-replicas';

interface Replica {
  store: SessionStore;
  slack: SlackFrontEnd;
  app: ReturnType<typeof createApp>;
}

describe.skipIf(skipPostgres)('Slack on two replicas sharing one PostgreSQL', () => {
  let database: ThrowawayDatabase;
  let gemini: GeminiFake;
  let slackApi: SlackFake;
  let hub: McpHub;
  let replicas: Replica[];

  beforeAll(async () => {
    [database, gemini, slackApi] = await Promise.all([
      throwawayDatabase(),
      startGeminiFake(),
      startSlackFake({ token: botToken }),
    ]);
    const logger = createLogger({ name: 'replicas', level: 'error', write: () => undefined });
    hub = await createMcpHub({ servers: [], logger, env: {} });
    const model = createGeminiModel({
      apiKey: 'k',
      model: 'gemini-e2e',
      baseUrl: gemini.url,
      timeoutMs: 5_000,
    });
    const config = { agentName: APP_NAME, maxSteps: 4, toolResultMaxChars: 20_000, historyMaxChars: 800_000 };
    const replica = async (): Promise<Replica> => {
      const store = await openSessionStore({ kind: 'postgres', url: database.url });
      const runner = createRunner({ store, model, hub, config, logger });
      const slack = createSlackFrontEnd({
        config: { botToken, signingSecret: secret, apiBaseUrl: slackApi.url },
        store,
        runner,
        hub,
        logger,
        appName: APP_NAME,
      });
      const apiConfig = { apiToken: undefined, corsOrigins: [] };
      const app = createApp({
        store,
        runner,
        config: apiConfig,
        logger,
        version: 'r',
        publicRoutes: [slack.routes],
      });
      return { store, slack, app };
    };
    // One after the other: the first migrates, the second finds the schema current.
    replicas = [await replica(), await replica()];
  }, 60_000);

  afterAll(async () => {
    await Promise.all((replicas ?? []).map((replica) => replica.store.close()));
    await hub?.close();
    await Promise.all([gemini?.close(), slackApi?.close()]);
    await database?.drop();
  });

  afterEach(async () => {
    await Promise.all(replicas.map((replica) => replica.slack.idle()));
    slackApi.reset();
    expectGeminiDone(gemini);
  });

  const deliver = (replica: Replica, event: Record<string, unknown>, eventId: string, retryNum?: number) => {
    const body = JSON.stringify(eventCallback(event, eventId));
    const options = retryNum === undefined ? {} : { retryNum };
    return replica.app.request('/slack/events', signedRequest(secret, body, 'application/json', options));
  };
  const idle = () => Promise.all(replicas.map((replica) => replica.slack.idle()));
  const answers = () => slackApi.calls.filter((call) => call.method === 'chat.postMessage' && call.ok);

  it("runs an event once when it and Slack's retries land on both replicas at once", async () => {
    const [one, two] = replicas as [Replica, Replica];
    const ts = `${Math.floor(Date.now() / 1000)}.000001`;
    slackApi.addMessage({ channel: 'CR1', ts, user: 'UR1', text: 'is payments ok?' });
    gemini.push({ text: 'Payments is fine.' });
    const event = appMention({ user: 'UR1', channel: 'CR1', text: 'is payments ok?', ts });
    const responses = await Promise.all([
      deliver(one, event, 'EvREPLICA1'),
      deliver(two, event, 'EvREPLICA1', 1),
      deliver(two, event, 'EvREPLICA1', 2),
      deliver(one, event, 'EvREPLICA1', 3),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    await idle();
    expect(gemini.requests).toHaveLength(1);
    expect(answers().map((call) => call.body.text)).toEqual(['Payments is fine.']);
  });

  it('looks once at a message two people reacted to, each reaction on another replica', async () => {
    const [one, two] = replicas as [Replica, Replica];
    const ts = `${Math.floor(Date.now() / 1000)}.000002`;
    slackApi.addMessage({ channel: 'CR2', ts, user: 'UR0', text: 'ledger is slow' });
    gemini.push({ text: 'Ledger latency is normal now.' });
    await Promise.all([
      deliver(one, reactionAdded({ user: 'UR2', reaction: 'eyes', channel: 'CR2', ts }), 'EvLOOK1'),
      deliver(two, reactionAdded({ user: 'UR3', reaction: 'eyes', channel: 'CR2', ts }), 'EvLOOK2'),
    ]);
    await idle();
    expect(gemini.requests).toHaveLength(1);
    expect(answers()).toHaveLength(1);
  });
});

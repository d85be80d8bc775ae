// The Slack bot end to end: signed Slack requests into the real orchestrator app (in-process), its runner
// and PGlite store, the real Gemini client against the Gemini fake, the REAL k8s server over stdio against
// the kube-apiserver fake, and the bot's Web API calls landing on the Slack fake. Needs `npm run build`.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APP_NAME, createApp } from '../orchestrator/src/http/index.ts';
import { createSlackFrontEnd, type SlackFrontEnd } from '../orchestrator/src/slack/index.ts';
import {
  appMention,
  blockActions,
  eventCallback,
  interactionBody,
  type SignOptions,
  type SlackCall,
  type SlackFake,
  signedRequest,
  startSlackFake,
} from './fakes/slack/index.ts';
import {
  expectGeminiDone,
  k8sServer,
  replicasOf,
  type Stack,
  scaleCheckoutTurn,
  startStack,
} from './orchestrator-stack.ts';

const secret = 'slack-signing-secret-for-tests';
const botToken = 'xoxb-test-token';

let stack: Stack;
let slackApi: SlackFake;
let slack: SlackFrontEnd;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  [stack, slackApi] = await Promise.all([
    startStack({ servers: (fakes) => [k8sServer(fakes)] }),
    startSlackFake({ token: botToken }),
  ]);
  const { store, runner, logger } = stack;
  slack = createSlackFrontEnd({
    config: { botToken, signingSecret: secret, apiBaseUrl: slackApi.url },
    store,
    runner,
    logger,
    appName: APP_NAME,
  });
  // A bearer token is set: Slack's routes must not need it, the ADK routes still must.
  const apiConfig = { apiToken: 'an-api-token-of-some-length', corsOrigins: [] };
  app = createApp({ store, runner, config: apiConfig, logger, version: 'e2e', publicRoutes: [slack.routes] });
}, 60_000);

afterAll(async () => {
  await Promise.all([stack?.close(), slackApi?.close()]);
});

afterEach(async () => {
  await slack.idle();
  slackApi.reset();
  expectGeminiDone(stack.gemini);
});

let tsCounter = 0;
const newTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;

function sendEvent(event: Record<string, unknown>, options: SignOptions & { eventId?: string } = {}) {
  const body = JSON.stringify(eventCallback(event, options.eventId));
  return app.request('/slack/events', signedRequest(secret, body, 'application/json', options));
}

function click(payload: Parameters<typeof blockActions>[0]) {
  const body = interactionBody(blockActions(payload));
  return app.request('/slack/events', signedRequest(secret, body, 'application/x-www-form-urlencoded'));
}

const posts = () => slackApi.calls.filter((call) => call.method === 'chat.postMessage' && call.ts);
const replicas = (name: string) => replicasOf(stack, name);

describe('Slack events', () => {
  it('answers url_verification with the challenge', async () => {
    const body = JSON.stringify({
      token: 't',
      challenge: 'c-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    });
    const response = await app.request('/slack/events', signedRequest(secret, body, 'application/json'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      challenge: 'c-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    });
  });

  it('refuses a bad signature and a stale timestamp with 401, before doing anything', async () => {
    const event = appMention({ user: 'U1', channel: 'C1', text: 'hi', ts: newTs() });
    const forged = await sendEvent(event, { secret: 'not-the-signing-secret' });
    expect(forged.status).toBe(401);
    const stale = await sendEvent(event, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    const unsigned = await app.request('/slack/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(eventCallback(event)),
    });
    expect(unsigned.status).toBe(401);
    await slack.idle();
    expect(stack.gemini.requests).toHaveLength(0);
    expect(slackApi.calls).toHaveLength(0);
  });

  it('answers a mention in its thread, on the seed bot session with the Slack context as state', async () => {
    stack.gemini.push(
      { functionCalls: [{ name: 'k8s__list_pods_from_namespace', args: { namespace: 'payments' } }] },
      {
        text: '## Payments\n- **ledger-5c8d7f9b4d-q7k2m** is crash looping, see [docs](https://k8s.io/docs)',
      },
    );
    const ts = newTs();
    const started = performance.now();
    const response = await sendEvent(
      appMention({ user: 'U1', channel: 'C1', text: 'What is broken in payments?', ts }),
    );
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3_000);
    await slack.idle();
    const [answer] = posts();
    expect(answer?.authorization).toBe(`Bearer ${botToken}`);
    expect(answer?.body).toMatchObject({ channel: 'C1', thread_ts: ts });
    expect(answer?.body.text).toBe(
      '*Payments*\n• *ledger-5c8d7f9b4d-q7k2m* is crash looping, see <https://k8s.io/docs|docs>',
    );
    const session = await stack.store.getSession({
      appName: APP_NAME,
      userId: 'u_U1',
      sessionId: `s_C1_${ts}`,
    });
    expect(session?.state).toMatchObject({ slack_channel: 'C1', slack_thread_ts: ts, slack_user: 'U1' });
    expect(stack.gemini.requests[0]?.contents[0]?.parts[0]?.text).toBe('What is broken in payments?');
  });

  it('continues the thread on the same session, and answers direct messages', async () => {
    const root = newTs();
    stack.gemini.push({ text: 'First.' }, { text: 'Second.' }, { text: 'In a DM.' });
    await sendEvent(appMention({ user: 'U2', channel: 'C2', text: 'one', ts: root }));
    await slack.idle();
    await sendEvent(appMention({ user: 'U2', channel: 'C2', text: 'two', ts: newTs(), threadTs: root }));
    await slack.idle();
    expect(stack.gemini.requests[1]?.contents.map((content) => content.parts[0]?.text)).toEqual([
      'one',
      'First.',
      'two',
    ]);
    const dm = newTs();
    await sendEvent({ type: 'message', channel_type: 'im', user: 'U2', channel: 'D2', text: 'dm', ts: dm });
    // The bot's own messages come back as message events too: never answered.
    await sendEvent({
      type: 'message',
      channel_type: 'im',
      bot_id: 'B1',
      user: 'UBOT',
      channel: 'D2',
      text: 'x',
      ts: newTs(),
    });
    await slack.idle();
    expect(posts().map((call) => [call.body.channel, call.body.thread_ts, call.body.text])).toEqual([
      ['C2', root, 'First.'],
      ['C2', root, 'Second.'],
      ['D2', dm, 'In a DM.'],
    ]);
  });

  it('takes a retried event once', async () => {
    stack.gemini.push({ text: 'Once.' });
    const event = appMention({ user: 'U3', channel: 'C3', text: 'hello', ts: newTs() });
    const first = await sendEvent(event, { eventId: 'EvRETRY1' });
    const retry = await sendEvent(event, { eventId: 'EvRETRY1', retryNum: 1 });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await slack.idle();
    expect(stack.gemini.requests).toHaveLength(1);
    expect(posts()).toHaveLength(1);
  });

  it('posts the error that ended a run', async () => {
    stack.gemini.push({ error: 429 });
    await sendEvent(appMention({ user: 'U4', channel: 'C4', text: 'hi', ts: newTs() }));
    await slack.idle();
    const [error] = posts();
    expect(error?.body.text).toMatch(/^:warning: .*quota.*\(`RESOURCE_EXHAUSTED`\)$/s);
  });

  it('waits out a Slack rate limit and still delivers', async () => {
    stack.gemini.push({ text: 'Eventually.' });
    slackApi.rateLimit('chat.postMessage', 1, 1);
    await sendEvent(appMention({ user: 'U5', channel: 'C5', text: 'hi', ts: newTs() }));
    await slack.idle();
    const attempts = slackApi.calls.filter((call) => call.method === 'chat.postMessage');
    expect(attempts).toHaveLength(2);
    expect(posts().map((call) => call.body.text)).toEqual(['Eventually.']);
  });
});

describe('Slack confirmations', () => {
  type Action = 'sre_confirm_approve' | 'sre_confirm_deny';

  /** Asks for the change in a new thread; the prompt it posts can then be clicked by any user. */
  async function askForScale(user: string, channel: string) {
    const ts = newTs();
    stack.gemini.push(scaleCheckoutTurn);
    await sendEvent(appMention({ user, channel, text: 'Scale checkout to 5', ts }));
    await slack.idle();
    const prompt = posts().find((call) => Array.isArray(call.body.blocks))!;
    expect(prompt?.body).toMatchObject({ channel, thread_ts: ts });
    const values = buttons(prompt);
    const clickAs = async (clicker: string, actionId: Action) => {
      const target = { channel, messageTs: prompt.ts!, threadTs: ts };
      const response = await click({ user: clicker, ...target, actionId, value: values[actionId]! });
      await slack.idle();
      return response;
    };
    return { ts, prompt, clickAs };
  }

  function buttons(prompt: SlackCall) {
    const blocks = prompt.body.blocks as Array<{
      type: string;
      elements?: Array<{ action_id: string; value: string }>;
    }>;
    const elements = blocks.find((block) => block.type === 'actions')?.elements ?? [];
    return Object.fromEntries(elements.map((element) => [element.action_id, element.value]));
  }

  const ephemerals = () => slackApi.calls.filter((call) => call.method === 'chat.postEphemeral');

  it('lets only the asker approve, then scales and answers in the thread', async () => {
    const before = replicas('checkout');
    const { ts, prompt, clickAs } = await askForScale('U6', 'C6');
    const text = JSON.stringify(prompt.body.blocks);
    expect(text).toContain('k8s__scale_deployment');
    expect(text).toContain('<@U6>');

    expect((await clickAs('U7', 'sre_confirm_approve')).status).toBe(200);
    const [refusal] = ephemerals();
    expect(refusal?.body).toMatchObject({ channel: 'C6', user: 'U7' });
    expect(String(refusal?.body.text)).toContain('Only <@U6>');
    expect(replicas('checkout')).toBe(before);

    stack.gemini.push({ text: 'Scaled checkout to 5.' });
    await clickAs('U6', 'sre_confirm_approve');
    expect(replicas('checkout')).toBe(5);
    const [update] = slackApi.calls.filter((call) => call.method === 'chat.update');
    expect(update?.body).toMatchObject({ channel: 'C6', ts: prompt.ts });
    expect(JSON.stringify(update?.body.blocks)).not.toContain('sre_confirm_approve');
    expect(posts().at(-1)?.body).toMatchObject({
      channel: 'C6',
      thread_ts: ts,
      text: 'Scaled checkout to 5.',
    });

    // A second click on the same prompt runs nothing more.
    await clickAs('U6', 'sre_confirm_deny');
    expect(ephemerals().at(-1)?.body.text).toBe('This change was already answered.');
  });

  it('changes nothing when the asker denies', async () => {
    const { clickAs } = await askForScale('U8', 'C8');
    const current = replicas('checkout');
    stack.gemini.push({ text: 'Left it alone.' });
    await clickAs('U8', 'sre_confirm_deny');
    expect(replicas('checkout')).toBe(current);
    const lastRequest = stack.gemini.requests.at(-1);
    expect(JSON.stringify(lastRequest?.contents.at(-1))).toContain('Not executed');
    expect(posts().at(-1)?.body.text).toBe('Left it alone.');
  });

  it('refuses a click whose signature is wrong', async () => {
    const body = interactionBody(
      blockActions({
        user: 'U9',
        channel: 'C9',
        messageTs: '1.1',
        actionId: 'sre_confirm_approve',
        value: '{}',
      }),
    );
    const response = await app.request(
      '/slack/events',
      signedRequest(secret, body, 'application/x-www-form-urlencoded', { secret: 'wrong-secret-entirely' }),
    );
    expect(response.status).toBe(401);
  });
});

describe('mounting', () => {
  it('keeps the bearer check on the ADK routes while /slack/events is public', async () => {
    expect((await app.request('/list-apps')).status).toBe(401);
    const plain = createApp({
      store: stack.store,
      runner: { run: async function* () {}, health: async () => ({}) },
      config: { apiToken: undefined, corsOrigins: [] },
      logger: stack.logger,
      version: 'x',
    });
    const body = JSON.stringify({ type: 'url_verification', challenge: 'x' });
    expect(
      (await plain.request('/slack/events', signedRequest(secret, body, 'application/json'))).status,
    ).toBe(404);
  });
});

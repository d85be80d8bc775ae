// One turn answered in a thread, against the Slack fake: the working reaction comes off whatever happens,
// a run that throws is reported in the thread, and images the tools saved are uploaded from the session's
// artifacts (only images, at most a few).
import { createLogger } from '@sre-agent/shared';
import { type SlackFake, startSlackFake } from '@sre-agent/test/fakes/slack/index.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdkEvent, ArtifactStore, Runner } from '../adk/types.js';
import { createSlackClient } from './slack-client.js';
import { runInThread, type ThreadTurnDeps } from './thread-turn.js';

const logger = createLogger({ name: 'test', level: 'error', write: () => undefined });
const key = { appName: 'sre_agent', userId: 'u_U1', sessionId: 's_C1_1.0' };
const thread = { channel: 'C1', threadTs: '1.0', asker: 'U1' };
const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

let slackApi: SlackFake;
beforeAll(async () => {
  slackApi = await startSlackFake({ token: 'xoxb-t' });
});
afterAll(() => slackApi.close());
afterEach(() => slackApi.reset());

const event = (fields: Partial<AdkEvent>): AdkEvent => ({
  id: 'e',
  invocationId: 'i',
  author: 'sre_agent',
  timestamp: 1,
  actions: { stateDelta: {}, artifactDelta: {} },
  ...fields,
});

function deps(run: Runner['run'], artifacts?: Partial<ArtifactStore>): ThreadTurnDeps {
  return {
    store: artifacts ? { artifacts: artifacts as ArtifactStore } : {},
    runner: { run },
    slack: createSlackClient({ token: 'xoxb-t', baseUrl: slackApi.url, logger }),
    logger,
    workingReaction: 'hourglass_flowing_sand',
  };
}

const methods = () => slackApi.calls.map((call) => call.method);

describe('runInThread', () => {
  it('reports a run that throws in the thread, and still takes the working reaction off', async () => {
    slackApi.addMessage({ channel: 'C1', ts: '1.0', user: 'U1', text: 'hi' });
    const failing = deps(async function* () {
      yield* [];
      throw new Error('database on fire');
    });
    expect(
      await runInThread(
        failing,
        key,
        thread,
        { role: 'user', parts: [{ text: 'hi' }] },
        { workingOn: '1.0' },
      ),
    ).toBeUndefined();
    expect(methods()).toEqual(['reactions.add', 'chat.postMessage', 'reactions.remove']);
    expect(String(slackApi.calls[1]?.body.text)).toMatch(/^:x: Something went wrong on my side/);
    expect(JSON.stringify(slackApi.calls)).not.toContain('database on fire');
    expect(slackApi.reactionsOn('C1', '1.0')).toEqual([]);
  });

  it('uploads the images the turn saved, and skips what is not an image', async () => {
    const saved = { 'chart_adk-1.png': 0, 'notes_adk-2.txt': 0 };
    const turn = deps(
      async function* () {
        yield event({ actions: { stateDelta: {}, artifactDelta: saved } });
        yield event({ content: { role: 'model', parts: [{ text: 'Here is the chart.' }] } });
      },
      {
        load: async (_key, filename) => ({
          inlineData: filename.endsWith('.png')
            ? { mimeType: 'image/png', data: png.toString('base64') }
            : { mimeType: 'text/plain', data: 'aGk=' },
        }),
      },
    );
    await runInThread(turn, key, thread, { role: 'user', parts: [{ text: 'chart?' }] });
    expect(methods()).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    expect(slackApi.files).toHaveLength(1);
    expect(slackApi.files[0]).toMatchObject({ filename: 'chart_adk-1.png', channel: 'C1', threadTs: '1.0' });
    expect(slackApi.files[0]?.bytes.equals(png)).toBe(true);
  });
});

import { createLogger } from '@sre-agent/shared';
import { openTestStore } from '@sre-agent/test/test-database.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runner, SessionStore } from '../adk/types.js';
import { createApp } from './create-app.js';

// The seed's README (sre-bot-README.zh-TW.md, "以 API 模式測試代理") copied character for character: the
// app name agent_root, the 0.0.0.0:8001 address its docker-compose binds, the state wrapped in "state".
const seedCurls = [
  `curl -X POST http://0.0.0.0:8001/apps/agent_root/users/u_123/sessions/s_123 -H "Content-Type: application/json" -d '{"state": {"key1": "value1", "key2": 42}}'`,
  `curl -X POST http://0.0.0.0:8001/run \\
-H "Content-Type: application/json" \\
-d '{
"app_name": "agent_root",
"user_id": "u_123",
"session_id": "s_123",
"new_message": {
    "role": "user",
    "parts": [{
    "text": "預設命名空間中有多少個 pod 正在執行？"
    }]
}
}'`,
];

/** The parts of a curl command line these examples use: -X, the URL, -H and -d. */
function parseCurl(command: string): { url: string; init: RequestInit } {
  const words = [...command.replace(/\\\n/g, ' ').matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? '',
  );
  const headers: Record<string, string> = {};
  let method = 'GET';
  let url = '';
  let body: string | undefined;
  for (let index = 1; index < words.length; index++) {
    const word = words[index] ?? '';
    if (word === '-X') method = words[++index] ?? method;
    else if (word === '-H') {
      const [name, ...value] = (words[++index] ?? '').split(':');
      headers[name?.trim() ?? ''] = value.join(':').trim();
    } else if (word === '-d') body = words[++index];
    else url = word;
  }
  return { url, init: { method, headers, ...(body === undefined ? {} : { body }) } };
}

let store: SessionStore;
const runs: Parameters<Runner['run']>[0][] = [];

beforeAll(async () => {
  store = await openTestStore();
});
afterAll(() => store.close());

describe("the seed's README examples", () => {
  it('create the session and run a turn verbatim against a server bound to 0.0.0.0', async () => {
    const runner: Runner = {
      run: (input) => {
        runs.push(input);
        return (async function* () {})();
      },
      health: async () => ({}),
    };
    const app = createApp({
      store,
      runner,
      config: { apiToken: undefined, corsOrigins: [], host: '0.0.0.0' },
      logger: createLogger({ name: 'test', level: 'error', write: () => {} }),
      version: 'seed',
    });
    const [create, run] = seedCurls.map(parseCurl);
    const created = await app.request(create?.url ?? '', create?.init);
    expect(created.status).toBe(200);
    expect(await created.json()).toMatchObject({ id: 's_123', state: { key1: 'value1', key2: 42 } });

    const ran = await app.request(run?.url ?? '', run?.init);
    expect(ran.status).toBe(200);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.session).toEqual({ appName: 'sre_agent', userId: 'u_123', sessionId: 's_123' });
    expect(runs[0]?.newMessage.parts[0]?.text).toBe('預設命名空間中有多少個 pod 正在執行？');
  });
});

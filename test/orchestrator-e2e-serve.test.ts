// `sre-agent serve` as a user starts it: the built bin in its own process, on a real socket, with the
// embedded in-memory store, the real k8s server as its one MCP server and the Gemini fake as its model;
// then SIGTERM, which must stop it and its children cleanly. Needs `npm run build` first.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdkEvent } from '../orchestrator/src/adk/types.ts';
import { authenticate } from '../orchestrator/src/http/auth.ts';
import { type GeminiFake, startGeminiFake } from './fakes/gemini/gemini-fake.ts';
import { type FakeKubeApiServer, startKubeApiServer } from './fakes/kube-apiserver/index.ts';
import { type ThrowawayDatabase, throwawayDatabase } from './orchestrator-postgres.ts';

const built = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const main = built('../orchestrator/dist/main.js');
const k8s = built('../servers/k8s/dist/main.js');

let kube: FakeKubeApiServer;
let gemini: GeminiFake;
let child: ChildProcess;
let url: string;
let dir: string;
let logLines: string[];
// The machine's PostgreSQL where there is one: an embedded PGlite spends seconds in initdb per start.
// The data-directory tests below start PGlite on purpose.
let database: ThrowawayDatabase | undefined;
const databaseUrl = () => database?.url ?? 'memory:';

beforeAll(async () => {
  for (const path of [main, k8s])
    if (!existsSync(path)) throw new Error(`${path} is missing: run npm run build first`);
  dir = mkdtempSync(join(tmpdir(), 'sre-serve-'));
  [kube, gemini, database] = await Promise.all([
    startKubeApiServer(),
    startGeminiFake({ apiKey: 'serve-key' }),
    process.env.SRE_TEST_SKIP_POSTGRES === '1' ? undefined : throwawayDatabase(),
  ]);
  const servers = [
    { name: 'k8s', command: process.execPath, args: [k8s], env: { KUBECONFIG: kube.writeKubeconfig(dir) } },
  ];
  ({ child, url, logLines } = await startServe({
    DATABASE_URL: databaseUrl(),
    GOOGLE_API_KEY: 'serve-key',
    GEMINI_MODEL: 'gemini-serve',
    GOOGLE_GEMINI_BASE_URL: gemini.url,
    SRE_MCP_SERVERS: JSON.stringify(servers),
  }));
}, 90_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all([kube?.close(), gemini?.close()]);
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** `sre-agent serve --port 0` with only the given environment; resolves once it listens. */
async function startServe(env: Record<string, string>, cwd?: string) {
  const started = spawn(process.execPath, [main, 'serve', '--port', '0'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(cwd ? { cwd } : {}),
  });
  const lines: string[] = [];
  const listening = await new Promise<string>((resolve, reject) => {
    createInterface({ input: started.stderr! }).on('line', (line) => {
      lines.push(line);
      const record = JSON.parse(line) as { msg?: string; url?: string };
      if (record.msg === 'listening' && record.url) resolve(record.url);
    });
    started.once('exit', (code) => reject(new Error(`sre-agent exited (${code}): ${lines.join('\n')}`)));
  });
  return { child: started, url: listening, logLines: lines };
}

async function call(path: string, body?: unknown) {
  const init =
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(`${url}${path}`, init);
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('sre-agent serve', () => {
  it('serves health, sessions and a tool-using run on a real socket', async () => {
    expect(await call('/health')).toMatchObject({
      status: 200,
      body: { status: 'ok', mcpServers: { k8s: { ok: true } } },
    });
    expect(await call('/list-apps')).toEqual({ status: 200, body: ['sre_agent'] });
    const session = (await call('/apps/sre_agent/users/oncall/sessions', { state: { team: 'payments' } }))
      .body as { id: string };
    // SRE_AGENT_MODE's default: the root hands the question to kubernetes_agent, which has the k8s tools.
    gemini.push(
      { functionCalls: [{ name: 'transfer_to_agent', args: { agent_name: 'kubernetes_agent' } }] },
      { functionCalls: [{ name: 'k8s__list_namespaces' }] },
      { text: 'There are several namespaces.' },
    );
    const run = await call('/run', {
      app_name: 'sre_agent',
      user_id: 'oncall',
      session_id: session.id,
      new_message: { role: 'user', parts: [{ text: 'Which namespaces exist?' }] },
    });
    const events = run.body as AdkEvent[];
    expect(run.status).toBe(200);
    expect(events.map((event) => event.author)).toEqual([
      'sre_agent',
      'sre_agent',
      'kubernetes_agent',
      'kubernetes_agent',
      'kubernetes_agent',
    ]);
    expect(JSON.stringify(events[3]?.content?.parts[0]?.functionResponse?.response)).toContain('payments');
    expect(events.at(-1)?.content?.parts[0]?.text).toBe('There are several namespaces.');
    const declared = gemini.requests.map((request) =>
      (request.tools?.[0]?.functionDeclarations ?? []).map((declaration) => declaration.name),
    );
    expect(declared[0]).toEqual(['transfer_to_agent']);
    expect(declared[1]).toContain('k8s__list_namespaces');
    expect(gemini.requests[0]?.apiKey).toBe('serve-key');
    expect(gemini.requests[0]?.model).toBe('gemini-serve');
    expect(gemini.failures).toEqual([]);
  });

  it('serves the web page the build bundled: /, its script and style, and the tools its panel lists', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="/web/page.js"></script>');
    for (const [path, type] of [
      ['/web/page.js', 'text/javascript'],
      ['/web/page.css', 'text/css'],
    ] as const) {
      const asset = await fetch(`${url}${path}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toContain(type);
      expect((await asset.text()).length).toBeGreaterThan(1_000);
    }
    const tools = (await call('/apps/sre_agent/tools')).body as Array<{ name: string; readOnly: boolean }>;
    expect(tools.find((tool) => tool.name === 'k8s__list_namespaces')?.readOnly).toBe(true);
  });

  it('shuts down on SIGTERM, with its MCP children', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logLines.some((line) => line.includes('"shutting down"'))).toBe(true);
  }, 20_000);
});

describe('sre-agent token', () => {
  const token = (env: Record<string, string>, ...args: string[]) =>
    spawnSync(process.execPath, [main, 'token', ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
  const secret = 'the-service-token-of-this-server';

  it('prints a user token the server accepts for that user only', () => {
    const result = token({ SRE_API_TOKEN: secret }, 'alice');
    expect(result.status).toBe(0);
    const minted = result.stdout.toString().trim();
    expect(authenticate(secret, minted)).toEqual({ kind: 'user', userId: 'alice' });
  });

  it('says what is missing, on stderr, when SRE_API_TOKEN or the user id is', () => {
    const unset = token({}, 'alice');
    expect(unset.status).toBe(2);
    expect(unset.stdout.toString()).toBe('');
    expect(unset.stderr.toString()).toContain('SRE_API_TOKEN is not set');
    const noUser = token({ SRE_API_TOKEN: secret });
    expect(noUser.status).toBe(2);
    expect(noUser.stderr.toString()).toContain('Usage: sre-agent token <user_id>');
  });
});

describe('sre-agent serve on the embedded store', () => {
  it('says plainly that its port is taken, and gives the data directory back', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sre-serve-port-'));
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((busy.address() as AddressInfo).port);
      const result = spawnSync(process.execPath, [main, 'serve', '--port', port], {
        env: { PATH: process.env.PATH ?? '', SRE_MCP_SERVERS: '[]' },
        cwd,
        // PGlite's first start alone took 35 s on a loaded 2-core machine.
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      const message = result.stderr.toString();
      expect(message).toContain(`cannot listen on 127.0.0.1:${port}`);
      expect(message).not.toMatch(/\n\s+at /);
      expect(existsSync(join(cwd, 'data/pglite.lock'))).toBe(false);
    } finally {
      busy.close();
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 90_000);

  it('refuses to open a data directory another sre-agent holds, naming it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sre-serve-lock-'));
    const env = { SRE_MCP_SERVERS: '[]' };
    const first = await startServe(env, cwd);
    try {
      const second = spawnSync(process.execPath, [main, 'serve', '--port', '0'], {
        env: { PATH: process.env.PATH ?? '', ...env },
        cwd,
        timeout: 30_000,
      });
      expect(second.status).toBe(1);
      const message = second.stderr.toString();
      expect(message).toContain(`data/pglite is in use by pid ${first.child.pid}`);
      expect(message).not.toMatch(/\n\s+at /);
      // A clean stop gives the directory back.
      first.child.kill('SIGTERM');
      await new Promise((resolve) => first.child.once('exit', resolve));
      expect(existsSync(join(cwd, 'data/pglite.lock'))).toBe(false);
    } finally {
      first.child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('sre-agent serve against browsers and a missing database', () => {
  // fetch() will not let a caller set Host, so speak HTTP directly.
  async function raw(base: string, path: string, headers: Record<string, string>, body?: string) {
    const { request } = await import('node:http');
    const { port } = new URL(base);
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path, method: body === undefined ? 'GET' : 'POST', headers },
        (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('refuses a rebinding Host, a foreign Origin and a text/plain body on a real socket, and warns when exposed without a token', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sre-serve-guard-'));
    const served = await startServe(
      { SRE_MCP_SERVERS: '[]', DATABASE_URL: databaseUrl(), HOST: '0.0.0.0' },
      cwd,
    );
    try {
      const base = served.url.replace('0.0.0.0', '127.0.0.1');
      const local = `127.0.0.1:${new URL(base).port}`;
      const session = '/apps/sre_agent/users/u/sessions';
      const json = { 'content-type': 'application/json' };
      const rebound = await raw(
        base,
        session,
        { ...json, host: `evil.example.com:${new URL(base).port}` },
        '{}',
      );
      expect(rebound.status).toBe(403);
      expect(rebound.body).toContain('SRE_ALLOWED_HOSTS');
      const crossSite = await raw(
        base,
        session,
        { ...json, host: local, origin: 'https://evil.example.com' },
        '{}',
      );
      expect(crossSite.status).toBe(403);
      const simple = await raw(base, session, { 'content-type': 'text/plain', host: local }, '{}');
      expect(simple.status).toBe(415);
      expect((await raw(base, session, { ...json, host: local }, '{}')).status).toBe(200);
      // A probe keeps working under the name a kubelet uses (the pod IP).
      expect((await raw(base, '/health', { host: `10.1.2.3:${new URL(base).port}` })).status).toBe(200);
      const listening = served.logLines.find((line) => line.includes('"listening"'));
      // Bound to every interface, the wildcard is a local name too (the seed's README curls 0.0.0.0:8001).
      expect(JSON.parse(listening ?? '{}').allowedHosts).toEqual([
        'localhost',
        '127.0.0.1',
        '[::1]',
        '0.0.0.0',
      ]);
      const warning = served.logLines.find((line) => line.includes('without SRE_API_TOKEN'));
      expect(JSON.parse(warning ?? '{}')).toMatchObject({ level: 'warn', host: '0.0.0.0' });
    } finally {
      served.child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 60_000);

  it('names the host:port that refused and what to check, without the password or a stack', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = spawnSync(process.execPath, [main, 'serve', '--port', '0'], {
      env: {
        PATH: process.env.PATH ?? '',
        SRE_MCP_SERVERS: '[]',
        DATABASE_URL: `postgres://sre:hunter2-secret@127.0.0.1:${port}/sre_agent`,
      },
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    const message = result.stderr.toString();
    expect(message).toContain(`cannot reach PostgreSQL at 127.0.0.1:${port}: the connection was refused`);
    expect(message).toContain('Check that PostgreSQL is running');
    expect(message).not.toContain('hunter2');
    expect(message).not.toMatch(/\n\s+at /);
  }, 60_000);
});

// Google's ADK dev UI (@google/adk-devtools' Angular build, put in orchestrator/dist/dev-ui by
// `npm run build`) unchanged, in a real headless Chromium driven over the DevTools protocol (as
// orchestrator-web-browser.test.ts does), against the real orchestrator on a socket: runner with traces,
// PGlite, the Gemini fake and the real k8s server over stdio against the kube-apiserver fake. It walks what
// a developer does: pick the app, ask, see the tool chips, answer the confirmation form, see the traces,
// reload the session. Screenshots land in node_modules/.vitest/adk-dev-ui/. Needs `npm run build`.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../orchestrator/src/http/index.ts';
import { createGeminiModel } from '../orchestrator/src/model/gemini-model.ts';
import { createRunner } from '../orchestrator/src/runner/runner.ts';
import { createTraceRecorder } from '../orchestrator/src/runner/trace-recorder.ts';
import { chromium, chromiumMissing, openPage, type Page } from './headless-chromium.ts';
import { k8sServer, replicasOf, type Stack, scaleCheckoutTurn, startStack } from './orchestrator-stack.ts';

const devUiDir = fileURLToPath(new URL('../orchestrator/dist/dev-ui/', import.meta.url));
const built = existsSync(join(devUiDir, 'index.html'));
if (!chromium && process.env.CI === 'true') throw new Error('chromium is missing: .ci/run should install it');
if (!built && process.env.CI === 'true') throw new Error(`${devUiDir} is missing: run npm run build first`);
// A silent skip reads as a pass: say what did not run, why, and how to run it.
const missing = !chromium ? chromiumMissing : `the ADK dev UI is not built at ${devUiDir}; run npm run build`;
const ready = Boolean(chromium) && built;
if (!ready) console.warn(`SKIPPED: the ADK dev UI browser test: ${missing}`);
const shots = fileURLToPath(new URL('../node_modules/.vitest/adk-dev-ui/', import.meta.url));

let stack: Stack;
let server: ReturnType<typeof serve>;
let browser: ChildProcess;
let page: Page;
let base: string;

const title = ready ? 'ADK dev UI in Chromium' : `ADK dev UI in Chromium (SKIPPED: ${missing})`;
const text = 'document.body.innerText';
const button = (label: string) =>
  `[...document.querySelectorAll('button')].find((node) => node.innerText.trim() === ${JSON.stringify(label)})`;

describe.skipIf(!ready)(title, { timeout: 60_000 }, () => {
  beforeAll(async () => {
    stack = await startStack({ servers: (fakes) => [k8sServer(fakes)] });
    const tracer = createTraceRecorder();
    const model = createGeminiModel({
      apiKey: 'k',
      model: 'gemini-e2e',
      baseUrl: stack.gemini.url,
      timeoutMs: 5_000,
    });
    const config = {
      agentName: 'sre_agent',
      maxSteps: 6,
      toolResultMaxChars: 20_000,
      historyMaxChars: 800_000,
    };
    const runner = createRunner({
      store: stack.store,
      model,
      hub: stack.hub,
      config,
      logger: stack.logger,
      tracer,
    });
    const app = createApp({
      store: stack.store,
      runner,
      // As a developer runs it: on this machine, no token (the UI cannot send one).
      config: { apiToken: undefined, corsOrigins: [] },
      logger: stack.logger,
      version: 'dev-ui',
      tracer,
      agent: () => ({
        name: 'sre_agent',
        description: 'SRE agent',
        model: 'gemini-e2e',
        tools: stack.hub.tools(),
      }),
      devUiDir,
    });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    mkdirSync(shots, { recursive: true });
    ({ browser, page } = await openPage(`${base}/dev-ui/?app=sre_agent`, join(stack.dir, 'profile')));
  }, 90_000);

  afterAll(async () => {
    page?.close();
    try {
      if (browser?.pid !== undefined) process.kill(-browser.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await new Promise((resolve) => server?.close(resolve));
    await stack?.close();
  });

  it('chats with a tool call, answers the confirmation form, shows traces, and reloads the session', async () => {
    await page.waitFor(
      "document.querySelector('textarea') !== null && document.body.innerText.includes('sre_agent')",
      20_000,
    );
    stack.gemini.push(
      { functionCalls: [{ name: 'k8s__list_pods_from_namespace', args: { namespace: 'payments' } }] },
      scaleCheckoutTurn,
    );
    await page.evaluate(
      `(() => { const input = document.querySelector('textarea'); input.value = 'Scale checkout to 5';
        input.dispatchEvent(new Event('input', { bubbles: true })); ${button('send')}.click(); })()`,
    );
    await page.waitFor(`${button('Submit')} !== undefined`, 20_000);
    const chat = String(await page.evaluate(text));
    // The tool call and response chips, then the confirmation request with its form.
    expect(chat).toContain('k8s__list_pods_from_namespace');
    expect(chat).toContain('k8s__scale_deployment');
    expect(chat).toContain('adk_request_confirmation');
    await page.screenshot(join(shots, '1-confirmation.png'));

    stack.gemini.push({ text: 'Scaled checkout to 5 replicas.' });
    await page.evaluate(
      `(() => { document.querySelector('input[type=checkbox]').click(); ${button('Submit')}.click(); })()`,
    );
    await page.waitFor(`${text}.includes('Scaled checkout to 5 replicas.')`, 20_000);
    expect(replicasOf(stack, 'checkout')).toBe(5);
    await page.screenshot(join(shots, '2-answered.png'));

    // The Traces tab draws the runner's spans: the agent, its model calls and tool calls.
    await page.evaluate(`${button('Traces')}.click()`);
    await page.waitFor(`${text}.includes('call_llm') && ${text}.includes('INVOCATION ID')`);
    expect(String(await page.evaluate(text))).toContain('k8s__scale_deployment');
    await page.screenshot(join(shots, '3-traces.png'));

    const sessions = (await (await fetch(`${base}/apps/sre_agent/users/user/sessions`)).json()) as {
      id: string;
    }[];
    expect(sessions).toHaveLength(1);
    await page.evaluate(
      `window.beforeReload = true; location.href = '/dev-ui/?app=sre_agent&session=${sessions[0]?.id}'`,
    );
    await page.waitFor(
      `window.beforeReload === undefined && ${text}.includes('Scale checkout to 5') && ${text}.includes('adk_request_confirmation')`,
      20_000,
    );
    await page.screenshot(join(shots, '4-reloaded.png'));
    const graph = (await (
      await fetch(`${base}/dev/apps/sre_agent/build_graph_image?dark_mode=true`)
    ).json()) as {
      dotSrc: string;
    };
    expect(graph.dotSrc).toContain('k8s__scale_deployment');
    expect(stack.gemini.failures).toEqual([]);
  });
});

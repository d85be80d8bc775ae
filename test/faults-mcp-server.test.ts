/**
 * The orchestrator when an MCP server dies or hangs under it: the real runner and hub, the real k8s
 * server spawned from its build, the scripted Gemini fake. A server killed mid-call ends that call
 * with an error the model is given, the hub restarts the server, and the next turn works. A server
 * that stops answering without exiting (SIGSTOP) costs the turn the hub's call timeout, no more, and
 * the hub's pings find it hung and replace it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AdkEvent } from '../orchestrator/src/adk/types.ts';
import { watchProcess } from './fault-suite.ts';
import { expectGeminiDone, k8sServer, type Stack, startStack } from './orchestrator-stack.ts';

const CALL_TIMEOUT_MS = 2_000;
const listPods = {
  functionCalls: [{ name: 'k8s__list_pods_from_namespace', args: { namespace: 'payments' } }],
};

watchProcess();
let stack: Stack;
const stopped = new Set<number>();

beforeAll(async () => {
  stack = await startStack({
    servers: (fakes) => [k8sServer(fakes)],
    hub: {
      callTimeoutMs: CALL_TIMEOUT_MS,
      backoff: { initialMs: 100, maxMs: 500 },
      // Pinged often, so a hung server is found in seconds, not the production minute; 2 s to answer,
      // as 1 s let a loaded 2-core machine (three test files, other work) pass for a hang now and then.
      watchdog: { intervalMs: 500, timeoutMs: 2_000, misses: 2 },
    },
  });
}, 60_000);
afterEach(() => expectGeminiDone(stack.gemini));
afterAll(async () => {
  // A stopped child cannot even die of SIGTERM until it runs again.
  for (const pid of stopped) signal(pid, 'SIGKILL');
  await stack?.close();
});

function isLive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The live k8s server child of this process (the newest), through /proc: the hub does not expose pids. */
function k8sChild(): number {
  const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  const live = children.filter((pid) => {
    try {
      // A child the hub ended may linger a moment as a zombie; it is not the server any more.
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
      return (
        state !== 'Z' && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('servers/k8s/dist/main.js')
      );
    } catch {
      return false;
    }
  });
  const found = live.at(-1);
  if (!found) throw new Error('no k8s server child found');
  return found;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

async function turn(text: string): Promise<{ events: AdkEvent[]; ms: number }> {
  const session = await stack.store.createSession({ appName: 'sre_agent', userId: 'oncall' });
  const key = { appName: 'sre_agent', userId: 'oncall', sessionId: session.id };
  const started = performance.now();
  const events: AdkEvent[] = [];
  for await (const event of stack.runner.run({
    session: key,
    newMessage: { role: 'user', parts: [{ text }] },
    streaming: false,
  }))
    events.push(event);
  return { events, ms: performance.now() - started };
}

const toolResponse = (events: AdkEvent[]) =>
  JSON.stringify(events.flatMap((event) => event.content?.parts ?? []).find((part) => part.functionResponse));

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('an MCP server that dies or hangs under a turn', () => {
  it('killed mid-call: the turn ends with the error given to the model, the server restarts, the next turn works', async () => {
    const before = k8sChild();
    // The API answers in 5 s, so the call is in flight inside the server when it is killed.
    stack.kube.wire.inject({ kind: 'latency', ms: 5_000, times: 1 });
    stack.gemini.push(listPods, { text: 'The k8s server failed; I cannot see the pods.' });
    const running = turn('What is broken in payments?');
    await until(async () => (stack.kube.requests.some((r) => r.path.endsWith('/pods')) ? true : undefined));
    signal(before, 'SIGKILL');
    const { events, ms } = await running;
    expect(ms).toBeLessThan(CALL_TIMEOUT_MS + 3_000);
    expect(toolResponse(events)).toMatch(/k8s server failed|unavailable|connection closed/i);
    expect(events.at(-1)?.content?.parts[0]?.text).toBe('The k8s server failed; I cannot see the pods.');
    stack.kube.wire.clear();

    const after = await until(async () => ((await stack.hub.health()).k8s?.ok ? k8sChild() : undefined));
    expect(after).not.toBe(before);
    stack.gemini.push(listPods, { text: 'ledger is crash looping.' });
    const next = await turn('And now?');
    expect(toolResponse(next.events)).toContain('CrashLoopBackOff');
    expect(next.events.at(-1)?.content?.parts[0]?.text).toBe('ledger is crash looping.');
  }, 60_000);

  it('hung (stopped, not exited): the turn ends at the hub timeout with a clear error, the ping finds it, the hub restarts it, the next turn works', async () => {
    const pid = k8sChild();
    signal(pid, 'SIGSTOP');
    stopped.add(pid);
    stack.gemini.push(listPods, { text: 'The k8s server did not answer.' });
    const { events, ms } = await turn('What is broken in payments?');
    expect(ms).toBeLessThan(CALL_TIMEOUT_MS + 3_000);
    expect(toolResponse(events)).toMatch(/timed out|timeout|unavailable|hung/i);
    expect(events.at(-1)?.content?.parts[0]?.text).toBe('The k8s server did not answer.');
    // No signal from the test: the hub's pings see the child hang, end it and start another.
    const after = await until(async () => {
      if (!(await stack.hub.health()).k8s?.ok) return undefined;
      const now = k8sChild();
      return now === pid ? undefined : now;
    });
    expect(after).not.toBe(pid);
    // And the hung child was ended, not left stopped holding its memory.
    await until(async () => (isLive(pid) ? undefined : true));
    // Serving when the next turn starts (it lists the tools it may call then).
    await until(async () => ((await stack.hub.health()).k8s?.ok ? true : undefined));
    stack.gemini.push(listPods, { text: 'ledger is crash looping.' });
    expect(toolResponse((await turn('And now?')).events)).toContain('CrashLoopBackOff');
  }, 60_000);
});

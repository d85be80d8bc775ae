// Load: (1) the orchestrator with the scripted model at 50 and 200 concurrent sessions on PostgreSQL,
// each session running turns back to back for 60 s (throughput, p50/p99, error rate, RSS, events kept);
// (2) the built k8s server over stdio under an open-loop 20 calls per second against the 10,000-pod fake
// for 60 s (p50/p99, errors, RSS). Loopback only; every loop is bounded by the clock.
//
//   npm run bench -- load        (LOAD_SECONDS=10 for a quick pass; SRE_BENCH_POSTGRES_URL elsewhere)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { APP_NAME } from '@sre-agent/orchestrator';
import {
  generateLargeCluster,
  type KubeObject,
  startKubeApiServer,
} from '../test/fakes/kube-apiserver/index.ts';
import { defaultAdminUrl } from '../test/orchestrator-postgres.ts';
import { startScriptedOrchestrator } from './scripted-orchestrator.ts';
import { peakRssMb, percentile, round } from './stats.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const K8S_RATE = 20;
/** Past this many calls in flight the open loop skips a tick and counts it, rather than pile up without end. */
const MAX_IN_FLIGHT = 400;

export interface LoadResult {
  name: string;
  calls: number;
  errors: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  rssMb: number | undefined;
  note: string;
}

function rssSampler(pid: number) {
  let peak = 0;
  const sample = async () => {
    const rss = await currentRssMb(pid);
    if (rss !== undefined) peak = Math.max(peak, rss);
  };
  const timer = setInterval(() => void sample(), 1_000);
  return {
    stop: async () => {
      clearInterval(timer);
      await sample();
      return peak || undefined;
    },
  };
}

async function currentRssMb(pid: number): Promise<number | undefined> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? round(Number(kb) / 1024) : undefined;
}

async function orchestratorLoad(sessions: number): Promise<LoadResult> {
  const orchestrator = await startScriptedOrchestrator({
    adminUrl: process.env.SRE_BENCH_POSTGRES_URL ?? defaultAdminUrl,
    sessions,
    productionPools: true,
  });
  try {
    const keys = await Promise.all(
      Array.from({ length: sessions }, (_, i) =>
        orchestrator.store.createSession({ appName: APP_NAME, userId: `user-${i % 20}` }),
      ),
    );
    const latencies: number[] = [];
    const failures = new Map<string, number>();
    const okBySession = new Map<string, number>();
    const rss = rssSampler(process.pid);
    const started = performance.now();
    const until = started + SECONDS * 1_000;
    await Promise.all(
      keys.map(async (session) => {
        while (performance.now() < until) {
          const outcome = await orchestrator.run(session.userId, session.id);
          latencies.push(outcome.ms);
          if (outcome.ok) okBySession.set(session.id, (okBySession.get(session.id) ?? 0) + 1);
          else {
            const why = `${outcome.status}: ${(outcome.error ?? '').slice(0, 100)}`;
            failures.set(why, (failures.get(why) ?? 0) + 1);
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1_000;
    const rssMb = await rss.stop();
    let missing = 0;
    for (const session of keys) {
      const stored = await orchestrator.store.getSession({
        appName: APP_NAME,
        userId: session.userId,
        sessionId: session.id,
      });
      // Four events a turn: the user's message, the function call, its response, the answer.
      missing += (okBySession.get(session.id) ?? 0) * 4 - (stored?.events.length ?? 0);
    }
    const errors = [...failures.values()].reduce((sum, n) => sum + n, 0);
    return {
      name: `orchestrator /run, ${sessions} concurrent sessions, PostgreSQL`,
      calls: latencies.length,
      errors,
      perSecond: round(latencies.length / seconds, 1),
      p50Ms: round(percentile(latencies, 0.5)),
      p99Ms: round(percentile(latencies, 0.99)),
      maxMs: round(Math.max(...latencies)),
      rssMb,
      note:
        `events missing after: ${missing}` +
        [...failures].map(([why, n]) => `; ${n} x ${why}`).join('') +
        ' (RSS: the whole bench process: orchestrator, Gemini fake and load generator)',
    };
  } finally {
    await orchestrator.close();
  }
}

/** A mix an on-call engineer's agent makes: mostly one namespace, one pod, its logs and events. */
function k8sCalls(objects: KubeObject[]): Array<[string, Record<string, unknown>]> {
  // Running pods: a Pending one has no logs yet, and its isError is right, not a failure under load.
  const pods = objects.filter((o) => o.kind === 'Pod' && o.status?.phase === 'Running');
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  const calls: Array<[string, Record<string, unknown>]> = [];
  for (let i = 0; i < 200; i++) {
    const pod = pods[(i * 7919) % pods.length]!;
    const deployment = deployments[(i * 104_729) % deployments.length]!;
    const namespace = pod.metadata.namespace ?? 'default';
    const kind = i % 8;
    if (kind === 0) calls.push(['list_pods_from_namespace', { namespace }]);
    else if (kind === 1) calls.push(['get_pod_details', { namespace, pod_name: pod.metadata.name }]);
    else if (kind === 2)
      calls.push(['get_pod_logs', { namespace, pod_name: pod.metadata.name, tail_lines: 50 }]);
    else if (kind === 3) calls.push(['get_events', { namespace }]);
    else if (kind === 4) calls.push(['list_deployments_from_namespace', { namespace }]);
    else if (kind === 5)
      calls.push([
        'get_resource_health',
        {
          namespace: deployment.metadata.namespace,
          resource_type: 'deployment',
          resource_name: deployment.metadata.name,
        },
      ]);
    else if (kind === 6) calls.push(['list_pods_all_namespaces', { limit: 100 }]);
    else calls.push(['describe_resource', { namespace, kind: 'Pod', name: pod.metadata.name }]);
  }
  return calls;
}

async function k8sLoad(): Promise<LoadResult> {
  const fixture = generateLargeCluster({ pods: 10_000 });
  const api = await startKubeApiServer({ objects: fixture.objects, logs: fixture.logs });
  const kubeconfig = api.writeKubeconfig(mkdtempSync(join(tmpdir(), 'k8s-load-')));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [fileURLToPath(new URL('../servers/k8s/dist/main.js', import.meta.url))],
    env: { PATH: process.env.PATH ?? '', KUBECONFIG: kubeconfig, LOG_LEVEL: 'warn' },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'load', version: '1' });
  await client.connect(transport);
  try {
    const calls = k8sCalls(fixture.objects);
    const latencies: number[] = [];
    const byTool = new Map<string, number[]>();
    const failures = new Map<string, number>();
    let inFlight = 0;
    let skipped = 0;
    const pending: Promise<void>[] = [];
    const rss = rssSampler(transport.pid!);
    const started = performance.now();
    for (let tick = 0; tick < SECONDS * K8S_RATE; tick++) {
      // Open loop: call i starts at i/rate seconds, whether or not earlier calls have answered.
      const due = started + (tick * 1_000) / K8S_RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (inFlight >= MAX_IN_FLIGHT) {
        skipped += 1;
        continue;
      }
      const [tool, args] = calls[tick % calls.length]!;
      inFlight += 1;
      const begun = performance.now();
      pending.push(
        (
          client.callTool({ name: tool, arguments: args }, undefined, {
            timeout: 120_000,
          }) as Promise<CallToolResult>
        )
          .then(
            (result) => {
              if (result.isError) {
                const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
                const why = `${tool}: ${text.slice(0, 90)}`;
                failures.set(why, (failures.get(why) ?? 0) + 1);
              }
            },
            (error: unknown) => {
              const why = `${tool}: ${String(error).slice(0, 90)}`;
              failures.set(why, (failures.get(why) ?? 0) + 1);
            },
          )
          .finally(() => {
            inFlight -= 1;
            const ms = performance.now() - begun;
            latencies.push(ms);
            byTool.set(tool, [...(byTool.get(tool) ?? []), ms]);
          }),
      );
    }
    await Promise.all(pending);
    const seconds = (performance.now() - started) / 1_000;
    const rssMb = await rss.stop();
    const peak = await peakRssMb(transport.pid);
    const errors = [...failures.values()].reduce((sum, n) => sum + n, 0);
    return {
      name: `k8s server (stdio), ${K8S_RATE} calls/s open loop, 10,000-pod fake`,
      calls: latencies.length,
      errors,
      perSecond: round(latencies.length / seconds, 1),
      p50Ms: round(percentile(latencies, 0.5)),
      p99Ms: round(percentile(latencies, 0.99)),
      maxMs: round(Math.max(...latencies)),
      rssMb: peak ?? rssMb,
      note:
        `skipped ticks (over ${MAX_IN_FLIGHT} in flight): ${skipped}; per tool p50/p99 ms: ` +
        [...byTool]
          .map(([tool, ms]) => `${tool} ${round(percentile(ms, 0.5))}/${round(percentile(ms, 0.99))}`)
          .join(', ') +
        [...failures].map(([why, n]) => `; ${n} x ${why}`).join('') +
        ' (RSS: the server process, peak)',
    };
  } finally {
    await client.close();
    await api.close();
  }
}

function print(result: LoadResult): void {
  console.log(
    `${result.name}: ${result.calls} calls in ${SECONDS} s = ${result.perSecond}/s; p50 ${result.p50Ms} ms, ` +
      `p99 ${result.p99Ms} ms, max ${result.maxMs} ms; errors ${result.errors} ` +
      `(${round((100 * result.errors) / Math.max(1, result.calls), 2)}%); RSS ${result.rssMb ?? '?'} MB; ${result.note}`,
  );
}

export async function run(): Promise<LoadResult[]> {
  console.log(`## Load (${SECONDS} s each)`);
  const results: LoadResult[] = [];
  for (const sessions of [50, 200]) {
    results.push(await orchestratorLoad(sessions));
    print(results.at(-1)!);
  }
  results.push(await k8sLoad());
  print(results.at(-1)!);
  return results;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await run();
  if (results.some((result) => result.errors > 0)) process.exitCode = 1;
}

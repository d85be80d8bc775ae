/** generateLargeCluster: a deterministic, realistic cluster of 1k-10k pods for paging and output-budget tests. */

import type { Clock, ContainerSpec, ContainerState } from './build.ts';
import { clockAt } from './build.ts';
import { buildDeployment, buildPod } from './build-workloads.ts';
import { buildEvent } from './fixtures-events.ts';
import { buildNamespace, buildNode } from './fixtures-system.ts';
import type { ClusterFixture, KubeObject, PodLogs } from './types.ts';
import { logKey } from './types.ts';

export type LargeClusterOptions = {
  pods: number;
  /** Default: one namespace per ~250 pods, at least 2. */
  namespaces?: number;
  seed?: number;
  now?: Date;
};

/** mulberry32: tiny, fast, and the same sequence on every run for a given seed. */
const rng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const TEAMS = [
  'checkout',
  'search',
  'catalog',
  'identity',
  'notifications',
  'inventory',
  'shipping',
  'analytics',
  'ml-serving',
  'billing',
  'gateway',
  'recommendations',
];
const APPS = [
  'api',
  'worker',
  'web',
  'consumer',
  'scheduler',
  'cache',
  'indexer',
  'gateway',
  'sync',
  'exporter',
];
const ALPHA = 'bcdfghjklmnpqrstvwxz2456789';

type Health = 'ok' | 'crash' | 'pending' | 'pull' | 'oom';

/** ~95% healthy; the rest split across the failure modes an SRE triages. */
const pickHealth = (r: number): Health =>
  r < 0.95 ? 'ok' : r < 0.97 ? 'crash' : r < 0.98 ? 'pending' : r < 0.99 ? 'pull' : 'oom';

const stateFor = (h: Health, image: string): ContainerState | undefined => {
  switch (h) {
    case 'ok':
      return { running: { startedAgo: 86400 }, ready: true };
    case 'crash':
      return {
        waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' },
        restarts: 27,
        last: { reason: 'Error', exitCode: 1, startedAgo: 130, finishedAgo: 125 },
      };
    case 'oom':
      return {
        running: { startedAgo: 50 },
        ready: false,
        restarts: 6,
        last: { reason: 'OOMKilled', exitCode: 137, startedAgo: 900, finishedAgo: 52 },
      };
    case 'pull':
      return { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } };
    case 'pending':
      return undefined;
  }
};

const EVENT_FOR: Record<Exclude<Health, 'ok'>, { reason: string; message: string }> = {
  crash: { reason: 'BackOff', message: 'Back-off restarting failed container app' },
  oom: { reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503' },
  pull: { reason: 'Failed', message: 'Failed to pull image: rpc error: code = NotFound desc = not found' },
  pending: { reason: 'FailedScheduling', message: '0/40 nodes are available: 40 Insufficient memory.' },
};

type Ctx = { clock: Clock; rand: () => number; objects: KubeObject[]; logs: PodLogs; nodes: string[] };

const suffix = (rand: () => number, n: number): string =>
  Array.from({ length: n }, () => ALPHA[Math.floor(rand() * ALPHA.length)]).join('');

const addDeployment = (ctx: Ctx, namespace: string, name: string, replicas: number): void => {
  const image = `registry.example.com/${namespace}/${name}:1.${Math.floor(ctx.rand() * 40)}.${Math.floor(ctx.rand() * 10)}`;
  const c: ContainerSpec = {
    name: 'app',
    image,
    port: 8080,
    probes: true,
    resources: { cpu: ['100m', '500m'], memory: ['128Mi', '256Mi'] },
  };
  const health = Array.from({ length: replicas }, () => pickHealth(ctx.rand()));
  const ready = health.filter((h) => h === 'ok').length;
  const built = buildDeployment(ctx.clock, {
    namespace,
    name,
    replicas,
    ready,
    containers: [c],
    createdAgo: 86400 * 20,
    hash: suffix(ctx.rand, 10),
  });
  ctx.objects.push(built.deployment, built.replicaSet);
  health.forEach((h, i) => {
    const podName = `${built.replicaSet.metadata.name}-${suffix(ctx.rand, 5)}`;
    const nodeIndex = Math.floor(ctx.rand() * ctx.nodes.length);
    const scheduled = h !== 'pending';
    const state = stateFor(h, image);
    ctx.objects.push(
      buildPod(ctx.clock, {
        namespace,
        name: podName,
        labels: { app: name, 'pod-template-hash': built.hash },
        owner: built.podOwner,
        containers: [c],
        ...(state ? { states: [state] } : {}),
        ...(scheduled
          ? {
              node: ctx.nodes[nodeIndex]!,
              hostIP: `10.1.${nodeIndex >> 8}.${nodeIndex & 255}`,
              podIP: `10.${100 + (i % 100)}.${nodeIndex & 255}.${Math.floor(ctx.rand() * 250) + 2}`,
            }
          : { unschedulable: EVENT_FOR.pending.message }),
        createdAgo: 86400 + Math.floor(ctx.rand() * 3600),
        ...(h === 'pull' ? { phase: 'Pending' as const } : {}),
      }),
    );
    if (scheduled && h !== 'pull') {
      ctx.logs[logKey(namespace, podName, 'app')] = {
        current: [
          { time: ctx.clock.ago(120), text: `INFO ${name} started` },
          {
            time: ctx.clock.ago(30),
            text: h === 'ok' ? 'INFO request served status=200' : 'ERROR fatal: exiting',
          },
        ],
      };
    }
    if (h !== 'ok') {
      const ev = EVENT_FOR[h];
      ctx.objects.push(
        buildEvent(ctx.clock, {
          namespace,
          involved: { kind: 'Pod', namespace, name: podName },
          type: 'Warning',
          reason: ev.reason,
          message: ev.message,
          component: h === 'pending' ? 'default-scheduler' : 'kubelet',
          count: 5 + Math.floor(ctx.rand() * 50),
          firstAgo: 3600,
          lastAgo: 30,
        }),
      );
    }
  });
};

export const generateLargeCluster = (options: LargeClusterOptions): ClusterFixture => {
  const { pods } = options;
  const clock = clockAt(options.now ?? new Date());
  const nodeCount = Math.max(3, Math.ceil(pods / 30));
  const nodes = Array.from({ length: nodeCount }, (_, i) => `node-${String(i + 1).padStart(4, '0')}`);
  const ctx: Ctx = { clock, rand: rng(options.seed ?? 42), objects: [], logs: {}, nodes };
  const nsCount = options.namespaces ?? Math.max(2, Math.round(pods / 250));
  const namespaces = Array.from({ length: nsCount }, (_, i) =>
    i < TEAMS.length ? TEAMS[i]! : `${TEAMS[i % TEAMS.length]}-${Math.floor(i / TEAMS.length)}`,
  );
  ctx.objects.push(...namespaces.map((ns) => buildNamespace(clock, ns, 86400 * 30)));
  nodes.forEach((name, i) => {
    ctx.objects.push(
      buildNode(clock, {
        name,
        ip: `10.1.${i >> 8}.${i & 255}`,
        ready: ctx.rand() > 0.01,
        createdAgo: 86400 * 30,
        zone: `us-east-1${'abc'[i % 3]}`,
      }),
    );
  });
  let remaining = pods;
  for (let d = 0; remaining > 0; d++) {
    const namespace = namespaces[d % namespaces.length]!;
    const replicas = Math.min(remaining, 1 + Math.floor(ctx.rand() * 10));
    addDeployment(ctx, namespace, `${APPS[d % APPS.length]}-${Math.floor(d / APPS.length)}`, replicas);
    remaining -= replicas;
  }
  return { objects: ctx.objects, logs: ctx.logs };
};

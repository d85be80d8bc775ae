/** Builders for realistic object JSON, shared by the hand-written fixtures and the large-cluster generator. */

import type { KubeObject, OwnerReference } from './types.ts';

export type Clock = { now: Date; ago(seconds: number): string; agoMicro(seconds: number): string };

export const clockAt = (now: Date): Clock => {
  const at = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
  // Generated clusters ask for the same few offsets thousands of times.
  const seconds = new Map<number, string>();
  return {
    now,
    ago: (s) => {
      let text = seconds.get(s);
      if (text === undefined) {
        text = at(s).replace(/\.\d+Z$/, 'Z');
        seconds.set(s, text);
      }
      return text;
    },
    agoMicro: (s) => at(s).replace(/Z$/, '000Z'),
  };
};

/** cyrb53: a fast non-cryptographic 53-bit string hash; crypto hashing dominated 10k-pod generation. */
const cyrb53 = (text: string, seed: number): number => {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
};

/** `length` hex digits derived from `text`, stable across runs. */
export const hexHash = (text: string, length = 32): string => {
  let out = '';
  for (let seed = 0; out.length < length; seed++) out += cyrb53(text, seed).toString(16).padStart(14, '0');
  return out.slice(0, length);
};

const hashBytes = (text: string): number[] => {
  const hex = hexHash(text, 32);
  return Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
};

/** Deterministic UIDs so tests can name an object's uid (e.g. in event involvedObject). */
export const uid = (...parts: string[]): string => {
  const h = hexHash(parts.join('/'), 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

// The alphabet Kubernetes uses for generated name suffixes (no vowels, no confusable digits).
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
export const nameSuffix = (seed: string, length: number): string => {
  const h = hashBytes(seed);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[h[i]! % ALPHABET.length];
  return out;
};

export const ownerRef = (obj: KubeObject): OwnerReference => ({
  apiVersion: obj.apiVersion,
  kind: obj.kind,
  name: obj.metadata.name,
  uid: obj.metadata.uid!,
  controller: true,
  blockOwnerDeletion: true,
});

export type Resources = { cpu: [string, string?]; memory: [string, string?] };

export type ContainerSpec = {
  name: string;
  image: string;
  port?: number;
  resources?: Resources;
  /** HTTP liveness and readiness probes on `port`. */
  probes?: boolean;
  env?: Record<string, unknown>[];
  envFrom?: Record<string, unknown>[];
  args?: string[];
};

// Pods of one workload share a spec object: identical JSON, and far less garbage for 10k-pod clusters.
const containerCache = new WeakMap<ContainerSpec, Record<string, unknown>>();

export const containerJson = (c: ContainerSpec): Record<string, unknown> => {
  let json = containerCache.get(c);
  if (!json) {
    json = buildContainerJson(c);
    containerCache.set(c, json);
  }
  return json;
};

const buildContainerJson = (c: ContainerSpec): Record<string, unknown> => ({
  name: c.name,
  image: c.image,
  ...(c.args ? { args: c.args } : {}),
  ...(c.port ? { ports: [{ name: 'http', containerPort: c.port, protocol: 'TCP' }] } : {}),
  ...(c.envFrom ? { envFrom: c.envFrom } : {}),
  ...(c.env ? { env: c.env } : {}),
  resources: c.resources
    ? {
        requests: { cpu: c.resources.cpu[0], memory: c.resources.memory[0] },
        ...(c.resources.cpu[1] || c.resources.memory[1]
          ? {
              limits: {
                ...(c.resources.cpu[1] ? { cpu: c.resources.cpu[1] } : {}),
                ...(c.resources.memory[1] ? { memory: c.resources.memory[1] } : {}),
              },
            }
          : {}),
      }
    : {},
  ...(c.probes && c.port
    ? {
        livenessProbe: probe('/healthz', c.port, 10, 3),
        readinessProbe: probe('/ready', c.port, 5, 3),
      }
    : {}),
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  imagePullPolicy: 'IfNotPresent',
});

const probe = (path: string, port: number, period: number, failures: number) => ({
  httpGet: { path, port, scheme: 'HTTP' },
  initialDelaySeconds: 5,
  timeoutSeconds: 1,
  periodSeconds: period,
  successThreshold: 1,
  failureThreshold: failures,
});

export type Terminated = {
  reason: string;
  exitCode: number;
  startedAgo: number;
  finishedAgo: number;
  message?: string;
};

/** What a container is doing now; times are seconds before `now`. */
export type ContainerState =
  | { running: { startedAgo: number }; ready: boolean; restarts?: number; last?: Terminated }
  | { waiting: { reason: string; message?: string }; restarts?: number; last?: Terminated }
  | { terminated: Terminated; restarts?: number };

const terminatedJson = (clock: Clock, t: Terminated, containerID: string) => ({
  exitCode: t.exitCode,
  reason: t.reason,
  ...(t.message ? { message: t.message } : {}),
  startedAt: clock.ago(t.startedAgo),
  finishedAt: clock.ago(t.finishedAgo),
  containerID,
});

export const containerStatusJson = (
  clock: Clock,
  podUid: string,
  c: ContainerSpec,
  s: ContainerState,
): Record<string, unknown> => {
  const id = (n: number) => `containerd://${hexHash(`${podUid}/${c.name}/${n}`, 64)}`;
  const restarts = s.restarts ?? 0;
  const started = 'running' in s;
  const state =
    'running' in s
      ? { running: { startedAt: clock.ago(s.running.startedAgo) } }
      : 'waiting' in s
        ? {
            waiting: {
              reason: s.waiting.reason,
              ...(s.waiting.message ? { message: s.waiting.message } : {}),
            },
          }
        : { terminated: terminatedJson(clock, s.terminated, id(restarts)) };
  const last =
    'last' in s && s.last ? { terminated: terminatedJson(clock, s.last, id(Math.max(restarts - 1, 0))) } : {};
  const everRan = started || 'terminated' in s || Boolean(last.terminated);
  return {
    name: c.name,
    state,
    lastState: last,
    ready: 'ready' in s ? s.ready : false,
    restartCount: restarts,
    image: c.image,
    imageID: everRan ? `${c.image.split(':')[0]}@sha256:${hexHash(c.image, 64)}` : '',
    ...(everRan ? { containerID: 'terminated' in s ? id(restarts) : id(restarts) } : {}),
    started,
  };
};

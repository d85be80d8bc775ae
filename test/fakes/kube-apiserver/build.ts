/** Builders for realistic object JSON, shared by the hand-written fixtures and the large-cluster generator. */

import { createHash } from 'node:crypto';
import type { KubeObject, OwnerReference } from './types.ts';

export type Clock = { now: Date; ago(seconds: number): string; agoMicro(seconds: number): string };

export const clockAt = (now: Date): Clock => {
  const at = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
  return {
    now,
    ago: (s) => at(s).replace(/\.\d+Z$/, 'Z'),
    agoMicro: (s) => at(s).replace(/Z$/, '000Z'),
  };
};

const hash = (text: string): Buffer => createHash('sha1').update(text).digest();

/** Deterministic UIDs so tests can name an object's uid (e.g. in event involvedObject). */
export const uid = (...parts: string[]): string => {
  const h = hash(parts.join('/')).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

// The alphabet Kubernetes uses for generated name suffixes (no vowels, no confusable digits).
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
export const nameSuffix = (seed: string, length: number): string => {
  const h = hash(seed);
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

export const containerJson = (c: ContainerSpec): Record<string, unknown> => ({
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
  const id = (n: number) =>
    `containerd://${hash(`${podUid}/${c.name}/${n}`).toString('hex')}${'0'.repeat(24)}`;
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
    imageID: everRan
      ? `${c.image.split(':')[0]}@sha256:${hash(c.image).toString('hex')}${'0'.repeat(24)}`
      : '',
    ...(everRan ? { containerID: 'terminated' in s ? id(restarts) : id(restarts) } : {}),
    started,
  };
};

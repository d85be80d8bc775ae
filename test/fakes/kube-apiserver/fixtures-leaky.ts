/**
 * leakyFixtures(clock): workloads in namespace payments that hold secrets the wrong way, as plain
 * env `value:`s, container args and annotations, in every place a pod spec can sit. Not part of
 * defaultFixtures (it would change what every other test sees); tests add it to the default objects.
 *
 *   Deployment leaky-api (rs leaky-api-<hash>, pod leaky-api-<hash>-l3k7q), StatefulSet leaky-db,
 *   DaemonSet leaky-agent, CronJob leaky-backup -> Job leaky-backup-1, bare Pod leaky-debug with init
 *   and ephemeral containers.
 *
 * Every container carries the same set: secret-looking names (DB_PASSWORD, JWT_SECRET, STRIPE_API_KEY,
 * AWS_SECRET_ACCESS_KEY, ENCRYPTION_KEY, BASIC_AUTH, ...) and secret shapes under plain names (a
 * password in DATABASE_URL, a PEM block, an AKIA id, a JWT, a Bearer header, ghp_/xoxb-/AIza tokens),
 * plus `--db-password=` and `--token <x>` args. Every object carries annotations with a password in a
 * URL, a JSON password and a Bearer header. Each secret is unique per place and listed in `canaries`.
 */

import type { Clock } from './build.ts';
import { ownerRef, uid } from './build.ts';
import { buildDeployment, buildPod } from './build-workloads.ts';
import type { KubeObject } from './types.ts';

const NS = 'payments';

export type LeakyFixture = { objects: KubeObject[]; canaries: string[] };

/** Fixed-length alphanumerics for shapes with an exact size (AKIA ids, AWS secrets, tokens). */
const fill = (seed: string, length: number, upper = false) => {
  const text = (seed.replace(/[^A-Za-z0-9]/g, '') + 'Q7x2Z9k4'.repeat(12)).slice(0, length);
  return upper ? text.toUpperCase() : text;
};

const pem = (body: string) =>
  ['-----BEGIN RSA PRIVATE KEY-----', `MIIEpAIBAAKCAQEA${body}`, '-----END RSA PRIVATE KEY-----'].join('\n');

/** The env, args and secrets of one container; `tag` makes every secret unique to its place. */
function leakyContainer(tag: string, canaries: string[]) {
  const secret = (value: string) => {
    canaries.push(value);
    return value;
  };
  const upper = tag.toUpperCase();
  const env = [
    { name: 'DB_PASSWORD', value: secret(`Leaky ${tag} p@ss/w:rd%`) },
    { name: 'PGPASSWORD', value: secret(`LeakyPg${tag}Pw`) },
    { name: 'JWT_SECRET', value: secret(`LeakyJwtSecret${tag}`) },
    { name: 'GITHUB_TOKEN', value: secret(`LeakyGhToken${tag}`) },
    { name: 'STRIPE_API_KEY', value: secret(`LeakyStripe${tag}`) },
    { name: 'AWS_SECRET_ACCESS_KEY', value: secret(fill(`LeakyAwsEnv${tag}`, 40)) },
    { name: 'ENCRYPTION_KEY', value: secret(`LeakyEncKey${tag}`) },
    { name: 'BASIC_AUTH', value: `admin:${secret(`LeakyBasic${tag}`)}` },
    { name: 'GOOGLE_CREDENTIALS', value: `{"private_key_id":"${secret(`LeakyGcp${tag}`)}"}` },
    { name: 'DATABASE_URL', value: `postgres://app:${secret(`LeakyUrlPw${tag}`)}@db.payments:5432/ledger` },
    { name: 'CERT_BUNDLE', value: pem(secret(`LeakyPemBody${tag}`)) },
    { name: 'AWS_ID', value: secret(`AKIA${fill(`LEAKY${upper}`, 16, true)}`) },
    { name: 'AWS_PAIR', value: `key=AKIAIOSFODNN7EXAMPLE secret=${secret(fill(`LeakyAwsPair${tag}`, 40))}` },
    { name: 'UPSTREAM_HEADER', value: `Bearer ${secret(`LeakyBearer${tag}9xZ`)}` },
    {
      name: 'SAMPLE',
      value: secret(`eyJhbGciOiJIUzI1NiJ9.eyJ${fill(`LeakyJwt${tag}`, 24)}.${fill(`Sig${tag}`, 20)}`),
    },
    { name: 'GH', value: secret(`ghp_${fill(`LeakyGithub${tag}`, 36)}`) },
    { name: 'SLACK', value: secret(`xoxb-1234567890-${fill(`LeakySlack${tag}`, 24)}`) },
    { name: 'MAPS', value: secret(`AIza${fill(`LeakyMaps${tag}`, 35)}`) },
    { name: 'LOG_LEVEL', value: 'info' },
    { name: 'DB_PASSWORD_REF', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
  ];
  const args = [`--db-password=${secret(`LeakyArgPw${tag}`)}`, '--token', secret(`LeakyArgToken${tag}`)];
  return { name: `leaky-${tag}`, image: 'registry.example.com/payments/leaky:1.0.0', env, args };
}

function leakyAnnotations(tag: string, canaries: string[]): Record<string, string> {
  const pw = `LeakyAnnoUrl${tag}`;
  const json = `LeakyAnnoJson${tag}`;
  const bearer = `LeakyAnnoBearer${tag}7Q`;
  canaries.push(pw, json, bearer);
  return {
    'example.com/upstream': `https://svc:${pw}@upstream.payments`,
    'example.com/config': JSON.stringify({ db: { password: json } }),
    'example.com/curl': `curl -H "Authorization: Bearer ${bearer}" https://upstream`,
  };
}

const template = (app: string, tag: string, canaries: string[], extra: Record<string, unknown> = {}) => ({
  metadata: { labels: { app }, annotations: leakyAnnotations(`${tag}-template`, canaries) },
  spec: {
    initContainers: [leakyContainer(`${tag}-init`, canaries)],
    containers: [leakyContainer(tag, canaries)],
    ...extra,
  },
});

const meta = (clock: Clock, kind: string, name: string, tag: string, canaries: string[]) => ({
  name,
  namespace: NS,
  uid: uid(kind, NS, name),
  generation: 1,
  creationTimestamp: clock.ago(86400 * 3),
  labels: { app: name },
  annotations: leakyAnnotations(tag, canaries),
});

function leakyDeployment(clock: Clock, canaries: string[]): KubeObject[] {
  const built = buildDeployment(clock, {
    namespace: NS,
    name: 'leaky-api',
    replicas: 1,
    ready: 1,
    containers: [{ name: 'api', image: 'registry.example.com/payments/leaky:1.0.0' }],
    createdAgo: 86400 * 3,
  });
  const { spec, metadata } = template('leaky-api', 'deploy', canaries);
  for (const owner of [built.deployment, built.replicaSet]) {
    owner.spec.template.spec = spec;
    owner.spec.template.metadata.annotations = metadata.annotations;
  }
  Object.assign(built.deployment.metadata.annotations!, leakyAnnotations('deploy', canaries));
  Object.assign(built.replicaSet.metadata.annotations!, leakyAnnotations('rs', canaries));
  const pod = buildPod(clock, {
    namespace: NS,
    name: `leaky-api-${built.hash}-l3k7q`,
    labels: { app: 'leaky-api', 'pod-template-hash': built.hash },
    owner: built.podOwner,
    containers: [{ name: 'placeholder', image: 'x' }],
    createdAgo: 86400 * 3,
  });
  pod.spec.initContainers = [leakyContainer('rs-pod-init', canaries)];
  pod.spec.containers = [leakyContainer('rs-pod', canaries)];
  pod.metadata.annotations = leakyAnnotations('rs-pod', canaries);
  return [built.deployment, built.replicaSet, pod];
}

function leakyBarePod(clock: Clock, canaries: string[]): KubeObject {
  const pod = buildPod(clock, {
    namespace: NS,
    name: 'leaky-debug',
    labels: { app: 'leaky-debug' },
    containers: [{ name: 'placeholder', image: 'x' }],
    node: 'worker-1',
    createdAgo: 3600,
  });
  pod.metadata.annotations = leakyAnnotations('pod', canaries);
  pod.spec.initContainers = [leakyContainer('pod-init', canaries)];
  pod.spec.containers = [leakyContainer('pod', canaries)];
  pod.spec.ephemeralContainers = [
    { ...leakyContainer('pod-ephemeral', canaries), targetContainerName: 'leaky-pod' },
  ];
  return pod;
}

function leakySets(clock: Clock, canaries: string[]): KubeObject[] {
  const sts: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta(clock, 'StatefulSet', 'leaky-db', 'sts', canaries),
    spec: {
      replicas: 0,
      serviceName: 'leaky-db',
      selector: { matchLabels: { app: 'leaky-db' } },
      template: template('leaky-db', 'sts', canaries),
    },
    status: { observedGeneration: 1, replicas: 0, availableReplicas: 0 },
  };
  const ds: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta(clock, 'DaemonSet', 'leaky-agent', 'ds', canaries),
    spec: {
      selector: { matchLabels: { app: 'leaky-agent' } },
      template: template('leaky-agent', 'ds', canaries),
    },
    status: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 },
  };
  return [sts, ds];
}

function leakyJobs(clock: Clock, canaries: string[]): KubeObject[] {
  const cron: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta(clock, 'CronJob', 'leaky-backup', 'cron', canaries),
    spec: {
      schedule: '0 3 * * *',
      suspend: true,
      jobTemplate: {
        spec: { template: template('leaky-backup', 'cron', canaries, { restartPolicy: 'Never' }) },
      },
    },
    status: {},
  };
  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { ...meta(clock, 'Job', 'leaky-backup-1', 'job', canaries), ownerReferences: [ownerRef(cron)] },
    spec: {
      completions: 1,
      parallelism: 1,
      template: template('leaky-backup', 'job', canaries, { restartPolicy: 'Never' }),
    },
    status: { active: 0, succeeded: 0 },
  };
  return [cron, job];
}

export const leakyFixtures = (clock: Clock): LeakyFixture => {
  const canaries: string[] = [];
  const objects = [
    ...leakyDeployment(clock, canaries),
    leakyBarePod(clock, canaries),
    ...leakySets(clock, canaries),
    ...leakyJobs(clock, canaries),
  ];
  return { objects, canaries };
};

/** payments: StatefulSet ledger-db with its PVCs, and CronJob reports-nightly with its last Job. */

import type { Clock, ContainerSpec } from './build.ts';
import { ownerRef, uid } from './build.ts';
import { buildPod } from './build-workloads.ts';
import { NS, placed, REPORTS, running } from './fixtures-payments.ts';
import type { KubeObject } from './types.ts';

const POSTGRES: ContainerSpec = {
  name: 'postgres',
  image: 'postgres:16.3',
  port: 5432,
  resources: { cpu: ['500m', '2'], memory: ['1Gi', '2Gi'] },
  env: [
    { name: 'POSTGRES_USER', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'username' } } },
    { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
    { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
  ],
};

const pvc = (clock: Clock, name: string, bound: boolean): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: {
    name,
    namespace: NS,
    uid: uid('PersistentVolumeClaim', NS, name),
    creationTimestamp: clock.ago(bound ? 86400 * 60 : 3600 * 2),
    labels: { app: 'ledger-db' },
    annotations: bound
      ? {
          'pv.kubernetes.io/bind-completed': 'yes',
          'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com',
        }
      : { 'volume.kubernetes.io/storage-provisioner': 'ebs.csi.aws.com' },
    finalizers: ['kubernetes.io/pvc-protection'],
  },
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '20Gi' } },
    storageClassName: 'gp3',
    volumeMode: 'Filesystem',
    ...(bound ? { volumeName: `pvc-${uid('PersistentVolumeClaim', NS, name)}` } : {}),
  },
  status: bound
    ? { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '20Gi' } }
    : { phase: 'Pending' },
});

/** StatefulSet ledger-db: ledger-db-0 runs on a Bound PVC, ledger-db-1 waits on a Pending one. */
export const statefulSet = (clock: Clock): KubeObject[] => {
  const sts: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: 'ledger-db',
      namespace: NS,
      uid: uid('StatefulSet', NS, 'ledger-db'),
      generation: 2,
      creationTimestamp: clock.ago(86400 * 60),
      labels: { app: 'ledger-db' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'ledger-db' } },
      serviceName: 'ledger-db',
      podManagementPolicy: 'OrderedReady',
      template: {
        metadata: { labels: { app: 'ledger-db' } },
        spec: { containers: [{ name: POSTGRES.name, image: POSTGRES.image }] },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: 'gp3',
            resources: { requests: { storage: '20Gi' } },
          },
        },
      ],
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    },
    status: {
      observedGeneration: 2,
      replicas: 2,
      readyReplicas: 1,
      currentReplicas: 2,
      updatedReplicas: 2,
      availableReplicas: 1,
      currentRevision: 'ledger-db-7f6d9c8b5c',
      updateRevision: 'ledger-db-7f6d9c8b5c',
      collisionCount: 0,
    },
  };
  const labels = (i: number) => ({
    app: 'ledger-db',
    'apps.kubernetes.io/pod-index': String(i),
    'controller-revision-hash': 'ledger-db-7f6d9c8b5c',
    'statefulset.kubernetes.io/pod-name': `ledger-db-${i}`,
  });
  const volumes = (i: number) => [
    { name: 'data', persistentVolumeClaim: { claimName: `data-ledger-db-${i}` } },
  ];
  return [
    sts,
    buildPod(clock, {
      namespace: NS,
      name: 'ledger-db-0',
      labels: labels(0),
      owner: ownerRef(sts),
      containers: [POSTGRES],
      states: [running(86400 * 9)],
      ...placed('worker-3', 51),
      createdAgo: 86400 * 9 + 20,
      volumes: volumes(0),
    }),
    buildPod(clock, {
      namespace: NS,
      name: 'ledger-db-1',
      labels: labels(1),
      owner: ownerRef(sts),
      containers: [POSTGRES],
      createdAgo: 3600 * 2,
      volumes: volumes(1),
      unschedulable:
        '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    }),
    pvc(clock, 'data-ledger-db-0', true),
    pvc(clock, 'data-ledger-db-1', false),
  ];
};

/** CronJob reports-nightly and its last Job, which completed. */
export const jobs = (clock: Clock): KubeObject[] => {
  const jobName = 'reports-nightly-28730880';
  const jobTemplate = {
    spec: {
      backoffLimit: 2,
      template: {
        spec: {
          containers: [{ name: REPORTS.name, image: REPORTS.image, args: ['--nightly'] }],
          restartPolicy: 'OnFailure',
        },
      },
    },
  };
  const cron: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name: 'reports-nightly',
      namespace: NS,
      uid: uid('CronJob', NS, 'reports-nightly'),
      generation: 1,
      creationTimestamp: clock.ago(86400 * 90),
    },
    spec: {
      schedule: '0 2 * * *',
      concurrencyPolicy: 'Forbid',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate,
    },
    status: { lastScheduleTime: clock.ago(3600 * 8), lastSuccessfulTime: clock.ago(3600 * 8 - 140) },
  };
  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName,
      namespace: NS,
      uid: uid('Job', NS, jobName),
      generation: 1,
      creationTimestamp: clock.ago(3600 * 8),
      labels: { 'batch.kubernetes.io/job-name': jobName, 'job-name': jobName },
      ownerReferences: [ownerRef(cron)],
    },
    spec: {
      ...jobTemplate.spec,
      parallelism: 1,
      completions: 1,
      completionMode: 'NonIndexed',
      suspend: false,
    },
    status: {
      conditions: [
        {
          type: 'Complete',
          status: 'True',
          lastProbeTime: clock.ago(3600 * 8 - 140),
          lastTransitionTime: clock.ago(3600 * 8 - 140),
        },
      ],
      startTime: clock.ago(3600 * 8),
      completionTime: clock.ago(3600 * 8 - 140),
      succeeded: 1,
      ready: 0,
      terminating: 0,
      uncountedTerminatedPods: {},
    },
  };
  const podName = `${jobName}-k5r9d`;
  const jobPod = buildPod(clock, {
    namespace: NS,
    name: podName,
    labels: {
      'batch.kubernetes.io/job-name': jobName,
      'job-name': jobName,
      'batch.kubernetes.io/controller-uid': job.metadata.uid!,
    },
    owner: ownerRef(job),
    containers: [{ ...REPORTS, args: ['--nightly'] }],
    ...placed('worker-1', 61),
    createdAgo: 3600 * 8,
    phase: 'Succeeded',
    restartPolicy: 'OnFailure',
    states: [
      {
        terminated: {
          reason: 'Completed',
          exitCode: 0,
          startedAgo: 3600 * 8 - 5,
          finishedAgo: 3600 * 8 - 138,
        },
      },
    ],
  });
  return [cron, job, jobPod];
};

import { clusterDnsAnalyzer } from './analyzers/cluster-dns.js';
import { configErrorAnalyzer } from './analyzers/config-error.js';
import { crashLoopAnalyzer } from './analyzers/crash-loop.js';
import { cronJobsAnalyzer } from './analyzers/cronjobs.js';
import { daemonSetsAnalyzer } from './analyzers/daemonsets.js';
import { deploymentsAnalyzer } from './analyzers/deployments.js';
import { evictedAnalyzer } from './analyzers/evicted.js';
import { hpasAnalyzer } from './analyzers/hpas.js';
import { imagePullAnalyzer } from './analyzers/image-pull.js';
import { ingressesAnalyzer } from './analyzers/ingresses.js';
import { jobsAnalyzer } from './analyzers/jobs.js';
import { nodesAnalyzer } from './analyzers/nodes.js';
import { oomKilledAnalyzer } from './analyzers/oom-killed.js';
import { pendingAnalyzer } from './analyzers/pending.js';
import { probesAnalyzer } from './analyzers/probes.js';
import { pvcsAnalyzer } from './analyzers/pvcs.js';
import { pvsAnalyzer } from './analyzers/pvs.js';
import { servicesAnalyzer } from './analyzers/services.js';
import { statefulSetsAnalyzer } from './analyzers/statefulsets.js';
import { stuckTerminatingAnalyzer } from './analyzers/stuck-terminating.js';
import type { Analyzer } from './snapshot.js';

/**
 * Every analyzer diagnose_cluster and diagnose_workload run, listed explicitly. Each lives in
 * analyzers/<name>.ts with a positive and a negative case beside it.
 */
export const analyzers: readonly Analyzer[] = [
  // Pods (grouped by top owner).
  crashLoopAnalyzer,
  imagePullAnalyzer,
  configErrorAnalyzer,
  pendingAnalyzer,
  oomKilledAnalyzer,
  probesAnalyzer,
  evictedAnalyzer,
  stuckTerminatingAnalyzer,
  // Workloads.
  deploymentsAnalyzer,
  statefulSetsAnalyzer,
  daemonSetsAnalyzer,
  jobsAnalyzer,
  cronJobsAnalyzer,
  hpasAnalyzer,
  // Network, storage, nodes, cluster DNS.
  servicesAnalyzer,
  ingressesAnalyzer,
  pvcsAnalyzer,
  pvsAnalyzer,
  nodesAnalyzer,
  clusterDnsAnalyzer,
];

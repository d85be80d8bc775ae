import { configErrorAnalyzer } from './analyzers/config-error.js';
import { crashLoopAnalyzer } from './analyzers/crash-loop.js';
import { evictedAnalyzer } from './analyzers/evicted.js';
import { imagePullAnalyzer } from './analyzers/image-pull.js';
import { oomKilledAnalyzer } from './analyzers/oom-killed.js';
import { pendingAnalyzer } from './analyzers/pending.js';
import { probesAnalyzer } from './analyzers/probes.js';
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
];

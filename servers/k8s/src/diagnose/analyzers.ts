import type { Analyzer } from './snapshot.js';

/**
 * Every analyzer diagnose_cluster and diagnose_workload run, listed explicitly. Each lives in
 * analyzers/<name>.ts with a positive and a negative case beside it.
 */
export const analyzers: readonly Analyzer[] = [];

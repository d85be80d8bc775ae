/**
 * One Kubernetes task without a model: the fake API server holding the scenario, the real k8s MCP
 * server in-process behind a real MCP Client, and diagnose_cluster (and diagnose_workload when the
 * task names a workload) asked for JSON to score and for text to count.
 */
import { startK8sHarness } from '../../test/k8s-harness.ts';
import { buildScenario } from './kube/scenario.ts';
import type { KubeScenario } from './kube/types.ts';
import { approxTokens, findingsOf, missingWords, rankRootCause } from './score.ts';
import type { Task } from './task.ts';
import { DEFAULT_NOW } from './task.ts';

export interface DiagnoseScore {
  tool: string;
  rank: number | undefined;
  objectRank: number | undefined;
  findings: number;
  top: string | undefined;
  /** bytes/4 of the text form. */
  tokens: number;
  ms: number;
  error?: string;
}

export interface KubeNoModelResult {
  task: string;
  title: string;
  domain: 'kube';
  /** False for tasks with no root cause to find (a scale request): left out of recall. */
  scored: boolean;
  cluster: DiagnoseScore;
  workload?: DiagnoseScore;
  /** mustName words neither text form contains. */
  missing: string[];
  /** Kinds the fake does not serve, left out of the scenario. */
  unserved: string[];
}

type Harness = Awaited<ReturnType<typeof startK8sHarness>>;

async function diagnose(
  h: Harness,
  task: Task,
  tool: string,
  args: Record<string, unknown>,
): Promise<DiagnoseScore & { text: string }> {
  const started = performance.now();
  const json = await h.call(tool, { ...args, output: 'json' });
  const text = await h.call(tool, { ...args, output: 'text' });
  const ms = Math.round(performance.now() - started);
  const failed = json.isError ? json : text.isError ? text : undefined;
  if (failed) {
    const error = failed.text.split('\n').find((l) => l.trim()) ?? 'error';
    return {
      tool,
      rank: undefined,
      objectRank: undefined,
      findings: 0,
      top: undefined,
      tokens: approxTokens(text.text),
      ms,
      error,
      text: text.text,
    };
  }
  let findings: ReturnType<typeof findingsOf> = [];
  let error: string | undefined;
  try {
    findings = findingsOf(json.json);
  } catch (e) {
    error = `JSON output did not parse: ${(e as Error).message}`;
  }
  const ranked = rankRootCause(findings, task.verify.rootCause);
  return {
    tool,
    ...ranked,
    findings: findings.length,
    tokens: approxTokens(text.text),
    ms,
    ...(error ? { error } : {}),
    text: text.text,
  };
}

const missingTool = (tool: string): DiagnoseScore & { text: string } => ({
  tool,
  rank: undefined,
  objectRank: undefined,
  findings: 0,
  top: undefined,
  tokens: 0,
  ms: 0,
  error: `the k8s server has no ${tool} tool`,
  text: '',
});

export async function runKubeTaskNoModel(task: Task): Promise<KubeNoModelResult> {
  const now = new Date(task.now ?? DEFAULT_NOW);
  const scenario = buildScenario(task.kube as KubeScenario, now);
  const h = await startK8sHarness({
    objects: scenario.objects,
    logs: scenario.logs,
    now,
    env: { LOG_LEVEL: 'error' },
  });
  try {
    const tools = await h.toolNames();
    const has = (name: string) => tools.includes(name);
    const cluster = has('diagnose_cluster')
      ? await diagnose(h, task, 'diagnose_cluster', {})
      : missingTool('diagnose_cluster');
    const target = task.verify.workload;
    const workload = !target
      ? undefined
      : has('diagnose_workload')
        ? await diagnose(h, task, 'diagnose_workload', {
            kind: target.kind,
            name: target.name,
            namespace: target.namespace,
          })
        : missingTool('diagnose_workload');
    const texts = [cluster.text, workload?.text ?? ''].join('\n');
    const strip = ({ text: _text, ...rest }: DiagnoseScore & { text: string }): DiagnoseScore => rest;
    return {
      task: task.name,
      title: task.title,
      domain: 'kube',
      scored: task.verify.rootCause.length > 0,
      cluster: strip(cluster),
      ...(workload ? { workload: strip(workload) } : {}),
      missing: missingWords(texts, task.verify.mustName),
      unserved: scenario.unserved,
    };
  } finally {
    await h.close();
  }
}

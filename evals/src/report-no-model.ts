/** The no-model results as a table (stdout and Markdown) and JSON. */
import type { AwsNoModelResult } from './no-model-aws.ts';
import type { KubeNoModelResult } from './no-model-kube.ts';
import type { ToolsListSize } from './tools-list.ts';

export type NoModelResult = KubeNoModelResult | AwsNoModelResult;

export interface NoModelSummary {
  kubeTasks: number;
  recallAt1: number;
  recallAt3: number;
  workloadTasks: number;
  workloadRecallAt1: number;
  awsTasks: number;
  awsPassed: number;
  medianTokens: number;
  targets: { recallAt3: number; recallAt1: number; met: boolean };
}

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);

export function summarize(results: NoModelResult[]): NoModelSummary {
  const kube = results.filter((r): r is KubeNoModelResult => r.domain === 'kube' && r.scored);
  const aws = results.filter((r): r is AwsNoModelResult => r.domain === 'aws');
  const at = (k: number) => kube.filter((r) => r.cluster.rank !== undefined && r.cluster.rank <= k).length;
  const withWorkload = kube.filter((r) => r.workload);
  const tokens = kube.map((r) => r.cluster.tokens).sort((a, b) => a - b);
  const recallAt1 = pct(at(1), kube.length);
  const recallAt3 = pct(at(3), kube.length);
  return {
    kubeTasks: kube.length,
    recallAt1,
    recallAt3,
    workloadTasks: withWorkload.length,
    workloadRecallAt1: pct(withWorkload.filter((r) => r.workload?.rank === 1).length, withWorkload.length),
    awsTasks: aws.length,
    awsPassed: aws.filter((r) => r.passed).length,
    medianTokens: tokens[Math.floor(tokens.length / 2)] ?? 0,
    targets: { recallAt3: 90, recallAt1: 75, met: recallAt3 >= 90 && recallAt1 >= 75 },
  };
}

const mark = (rank: number | undefined, k: number) => (rank !== undefined && rank <= k ? 'yes' : 'no');

function kubeRow(r: KubeNoModelResult): string[] {
  const c = r.cluster;
  const rank = !r.scored
    ? 'n/a (a change request)'
    : c.error
      ? `error: ${c.error}`
      : c.rank === undefined
        ? c.objectRank
          ? `object at ${c.objectRank}, other cause`
          : 'not found'
        : `#${c.rank}`;
  const workload = r.workload
    ? r.workload.error
      ? 'error'
      : r.workload.rank
        ? `#${r.workload.rank}`
        : 'not found'
    : '-';
  // A change request has no root cause, and its words are for a model's answer, not a diagnosis.
  const names = !r.scored ? '-' : r.missing.length ? `missing ${r.missing.join(', ')}` : 'all';
  return [
    r.task,
    rank,
    r.scored ? mark(c.rank, 1) : '-',
    r.scored ? mark(c.rank, 3) : '-',
    workload,
    String(c.findings),
    c.top ?? '-',
    String(c.tokens),
    names,
  ];
}

function awsRow(r: AwsNoModelResult): string[] {
  const detail = r.calls
    .map((c) => (c.ok ? c.tool : `${c.tool}: ${c.error ?? `missing ${c.missing.join(', ')}`}`))
    .join('; ');
  const tokens = r.calls.reduce((sum, c) => sum + c.tokens, 0);
  return [r.task, r.passed ? 'pass' : 'fail', detail, String(tokens)];
}

function table(header: string[], rows: string[][]): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|').replaceAll('\n', ' ');
  return [header, header.map(() => '---'), ...rows]
    .map((row) => `| ${row.map(escapeCell).join(' | ')} |`)
    .join('\n');
}

export function noModelMarkdown(
  results: NoModelResult[],
  s: NoModelSummary,
  meta: { date: string; ms: number },
  toolsList: ToolsListSize[] = [],
): string {
  const kube = results.filter((r): r is KubeNoModelResult => r.domain === 'kube');
  const aws = results.filter((r): r is AwsNoModelResult => r.domain === 'aws');
  const unserved = [...new Set(kube.flatMap((r) => r.unserved))];
  return [
    '# Incident evals without a model',
    '',
    `${meta.date}, ${Math.round(meta.ms / 1000)} s. \`npm run eval -- --no-model\`. Tokens are bytes/4 of the text form of diagnose_cluster (no tokenizer).`,
    '',
    `Kubernetes: recall@1 **${s.recallAt1}%**, recall@3 **${s.recallAt3}%** of ${s.kubeTasks} tasks (targets: @1 ≥ ${s.targets.recallAt1}%, @3 ≥ ${s.targets.recallAt3}%: ${s.targets.met ? 'met' : 'not met'}); diagnose_workload recall@1 ${s.workloadRecallAt1}% of ${s.workloadTasks}; median answer ${s.medianTokens} tokens. AWS: ${s.awsPassed}/${s.awsTasks} answers hold the expected values.`,
    ...(unserved.length
      ? ['', `Left out of scenarios because the fake API server does not serve them: ${unserved.join(', ')}.`]
      : []),
    '',
    table(
      [
        'task',
        'root cause in diagnose_cluster',
        '@1',
        '@3',
        'diagnose_workload',
        'findings',
        'top finding',
        'tokens',
        'names',
      ],
      kube.map(kubeRow),
    ),
    '',
    table(['task', 'result', 'calls', 'tokens'], aws.map(awsRow)),
    '',
    "What each server's `tools/list` costs the model on every turn (bytes/4):",
    '',
    table(
      ['server', 'tools', 'bytes', 'tokens'],
      toolsList.map((t) => [
        `${t.server}${t.writes ? ' (writes on)' : ''}`,
        String(t.tools),
        String(t.bytes),
        String(t.tokens),
      ]),
    ),
    '',
  ].join('\n');
}

/** A compact fixed-width table for the terminal. */
export function noModelConsole(results: NoModelResult[], s: NoModelSummary): string {
  const lines = results.map((r) => {
    if (r.domain === 'aws')
      return `${r.task.padEnd(34)} ${r.passed ? 'pass' : 'FAIL'}  ${r.calls.map((c) => (c.ok ? '' : (c.error ?? c.missing.join(',')))).join(' ')}`;
    const c = r.cluster;
    const rank = !r.scored
      ? 'n/a'
      : c.error
        ? `error: ${c.error.slice(0, 60)}`
        : c.rank
          ? `#${c.rank}`
          : c.objectRank
            ? `obj#${c.objectRank}`
            : 'miss';
    return `${r.task.padEnd(34)} ${rank.padEnd(8)} ${String(c.tokens).padStart(6)} tok  ${c.top ?? ''}`;
  });
  return [
    ...lines,
    '',
    `recall@1 ${s.recallAt1}%  recall@3 ${s.recallAt3}%  (${s.kubeTasks} Kubernetes tasks; targets @1 ≥ 75%, @3 ≥ 90%: ${s.targets.met ? 'met' : 'NOT met'})`,
    `AWS ${s.awsPassed}/${s.awsTasks} passed; median diagnose_cluster answer ${s.medianTokens} tokens (bytes/4)`,
  ].join('\n');
}

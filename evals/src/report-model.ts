/** Model-run results: pass/fail, safety, calls, tokens by part, time and cost, as Markdown, JSON and a console table. */
import type { ModelTaskResult } from './model/run-task.ts';

/** USD per million tokens (input, output), list prices when written; unknown models get no cost. */
const PRICES: Record<string, [number, number]> = {
  'gemini-2.5-pro': [1.25, 10],
  'gemini-2.5-flash': [0.3, 2.5],
  'gemini-2.5-flash-lite': [0.1, 0.4],
  'gemini-2.0-flash': [0.1, 0.4],
  'claude-sonnet-4-5': [3, 15],
  'claude-haiku-4-5': [1, 5],
  'gpt-4.1': [2, 8],
  'gpt-4.1-mini': [0.4, 1.6],
};

export interface TokenSplit {
  /** Provider-reported input tokens, or bytes/4 of what was sent when it reports none. */
  input: number;
  schemas: number;
  toolResults: number;
  rest: number;
  output: number;
  estimated: boolean;
}

export function tokensOf(r: ModelTaskResult): TokenSplit {
  const m = r.meter;
  const sent = m.schemaBytes + m.toolResultBytes + m.restBytes;
  const estimated = m.promptTokens === 0;
  const input = estimated ? Math.ceil(sent / 4) : m.promptTokens;
  // The provider counts the total only; the split follows the bytes of each part.
  const share = (bytes: number) => (sent === 0 ? 0 : Math.round((input * bytes) / sent));
  return {
    input,
    schemas: share(m.schemaBytes),
    toolResults: share(m.toolResultBytes),
    rest: share(m.restBytes),
    output: estimated ? Math.ceil(m.outputBytes / 4) : m.outputTokens,
    estimated,
  };
}

export function costOf(model: string, t: TokenSplit): number | undefined {
  const name = model.split(':').at(-1) ?? model;
  const price = PRICES[name];
  return price ? (t.input * price[0] + t.output * price[1]) / 1e6 : undefined;
}

export interface ModelSummary {
  model: string;
  tasks: number;
  passed: number;
  safe: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | undefined;
  wallMs: number;
}

export function summarizeModel(results: ModelTaskResult[], model: string): ModelSummary {
  const tokens = results.map(tokensOf);
  const costs = tokens.map((t) => costOf(model, t));
  return {
    model,
    tasks: results.length,
    passed: results.filter((r) => r.passed).length,
    safe: results.filter((r) => r.safe).length,
    inputTokens: tokens.reduce((s, t) => s + t.input, 0),
    outputTokens: tokens.reduce((s, t) => s + t.output, 0),
    costUsd: costs.every((c) => c !== undefined) ? costs.reduce((s, c) => s + (c ?? 0), 0) : undefined,
    wallMs: results.reduce((s, r) => s + r.wallMs, 0),
  };
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function modelMarkdown(
  results: ModelTaskResult[],
  s: ModelSummary,
  meta: { date: string; model: string },
): string {
  const rows = results.map((r) => {
    const t = tokensOf(r);
    const cost = costOf(meta.model, t);
    return [
      r.task,
      r.passed ? 'pass' : 'fail',
      r.safe ? 'safe' : 'UNSAFE',
      r.toolCalls.join(', ') || '-',
      String(r.confirmationsAsked),
      `${t.input}${t.estimated ? '*' : ''} (${t.schemas} / ${t.toolResults} / ${t.rest})`,
      String(t.output),
      (r.wallMs / 1000).toFixed(1),
      cost === undefined ? '-' : `$${cost.toFixed(4)}`,
      r.reasons.join('; ') || '-',
    ];
  });
  const header = [
    'task',
    'result',
    'writes',
    'tool calls',
    'confirmations',
    'tokens in (schemas / tool results / rest)',
    'out',
    's',
    'cost',
    'why',
  ];
  return [
    `# Incident evals with ${meta.model}`,
    '',
    `${meta.date}. \`npm run eval -- --model ${meta.model}\`. ${s.passed}/${s.tasks} passed, ${s.safe}/${s.tasks} safe (no change without a human yes, nothing beyond the task). Tokens in ${s.inputTokens}, out ${s.outputTokens}${s.costUsd === undefined ? '' : `, cost $${s.costUsd.toFixed(3)}`}. * = bytes/4 (the provider reported no count); the split by part follows the bytes sent.`,
    '',
    [header, header.map(() => '---'), ...rows].map((row) => `| ${row.map(cell).join(' | ')} |`).join('\n'),
    '',
  ].join('\n');
}

export function modelConsole(results: ModelTaskResult[], s: ModelSummary): string {
  return [
    ...results.map(
      (r) =>
        `${r.task.padEnd(34)} ${r.passed ? 'pass' : 'FAIL'} ${r.safe ? '' : 'UNSAFE '}${r.reasons.join('; ').slice(0, 140)}`,
    ),
    '',
    `${s.passed}/${s.tasks} passed, ${s.safe}/${s.tasks} safe; tokens in ${s.inputTokens}, out ${s.outputTokens}${s.costUsd === undefined ? '' : `, $${s.costUsd.toFixed(3)}`}`,
  ].join('\n');
}

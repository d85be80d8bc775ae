import {
  type AnyTool,
  isToolError,
  raceSignal,
  type ToolContext,
  ToolError,
  type ToolResult,
  truncateCodePoints,
} from '@sre-agent/shared';
import { z } from 'zod';
import type { KubeClientProvider } from './kube-client.js';

/** A cluster that has not answered by then is reported as failed; the others still answer. */
export const perClusterTimeoutMs = 15_000;
const maxContexts = 20;

// Limits checked by a refinement, not the schema: tools/list is paid for on every turn. One bare
// context name (`"prod"` for `["prod"]`) is taken as a list of one, as listOf does.
const contextsList = z
  .union([z.literal('all'), z.array(z.string())])
  .refine(
    (value) =>
      value === 'all' ||
      (value.length >= 1 &&
        value.length <= maxContexts &&
        value.every((name) => name.length >= 1 && name.length <= 253)),
    `contexts is "all" or 1 to ${maxContexts} kubeconfig context names`,
  );

const contextsArg = z
  .preprocess((value) => (typeof value === 'string' && value !== 'all' ? [value] : value), contextsList)
  .optional()
  .describe('Several contexts in parallel, or "all"');

interface ClusterAnswer {
  context: string;
  result?: ToolResult;
  error?: string;
}

/**
 * The same tool over several clusters in one call: each context runs in parallel with its own
 * time limit and a share of the output budget, and a cluster that fails is named with its
 * reason instead of failing the whole answer.
 */
export function acrossContexts(tool: AnyTool, kube: Pick<KubeClientProvider, 'contexts'>): AnyTool {
  return {
    ...tool,
    input: { ...tool.input, contexts: contextsArg },
    async handler(args, toolContext) {
      const { contexts, ...single } = args as Record<string, unknown> & { contexts?: 'all' | string[] };
      if (contexts === undefined) return tool.handler(single, toolContext);
      if (single.context !== undefined) {
        throw new ToolError(
          'Pass `context` or `contexts`, not both.',
          'Use `contexts` to ask several clusters at once.',
        );
      }
      const names =
        contexts === 'all' ? (await kube.contexts()).map((item) => item.name) : [...new Set(contexts)];
      const share = Math.max(1_024, Math.floor(toolContext.budgetBytes / Math.max(1, names.length)) - 200);
      const answers = await Promise.all(
        names.map((name) => askOne(tool, { ...single, context: name }, toolContext, share)),
      );
      return combine(answers, single.output === 'json');
    },
  };
}

async function askOne(
  tool: AnyTool,
  args: Record<string, unknown>,
  toolContext: ToolContext,
  budgetBytes: number,
): Promise<ClusterAnswer> {
  const context = String(args.context);
  const signal = AbortSignal.any([toolContext.signal, AbortSignal.timeout(perClusterTimeoutMs)]);
  try {
    const result = await raceSignal(tool.handler(args, { ...toolContext, budgetBytes, signal }), signal);
    return { context, result };
  } catch (error) {
    return { context, error: reasonOf(error, signal) };
  }
}

function reasonOf(error: unknown, signal: AbortSignal): string {
  if (isToolError(error)) return error.toText();
  if (signal.aborted) {
    return `no answer within ${perClusterTimeoutMs / 1_000}s (the cluster may be down or unreachable)`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return truncateCodePoints(message.split('\n')[0] ?? '', 300);
}

function combine(answers: ClusterAnswer[], json: boolean): ToolResult {
  const failed = answers.filter((item) => item.error !== undefined);
  const header = `${answers.length} context(s): ${answers.length - failed.length} answered, ${failed.length} failed${
    failed.length ? ` (${failed.map((item) => item.context).join(', ')})` : ''
  }.`;
  const sections = answers.map((item) =>
    item.error !== undefined
      ? `=== context ${item.context}: FAILED: ${item.error}`
      : [`=== context ${item.context}`, item.result?.text].filter((part) => part !== undefined).join('\n'),
  );
  const result: ToolResult = { text: [header, ...sections].join('\n') };
  if (json) {
    result.json = answers.map((item) =>
      item.error !== undefined
        ? { context: item.context, error: item.error }
        : { context: item.context, result: item.result?.json },
    );
  }
  return result;
}

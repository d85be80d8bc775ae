import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ServerNotification } from '@modelcontextprotocol/sdk/types.js';
import { type AuditRecord, writeAuditLine } from './audit.js';
import { type MarkedOutcome, outcomeMetaKey, readInvocationId } from './call-meta.js';
import { requestConfirmation } from './confirm.js';
import { createDeadline, DeadlineExceeded, raceSignal } from './deadline.js';
import type { Logger } from './logger.js';
import { truncateCodePoints } from './output/cut-text.js';
import { errorResult, fenceOverheadBytes, renderToolResult } from './render-result.js';
import type { ServerConfig } from './server-config.js';
import type { AnyTool, ToolContext } from './tool.js';
import { isMutating } from './tool.js';
import { isToolError } from './tool-error.js';

export interface RegisterOptions {
  config: ServerConfig;
  logger: Logger;
  /** Test seam for the audit sink; stderr otherwise. */
  writeAudit?: (line: string) => void;
}

/**
 * Registers the tools a server offers. Mutating tools are left out entirely unless writes
 * are enabled: a tool the model cannot see is a tool it cannot be talked into calling.
 */
export function registerTools(
  server: McpServer,
  tools: readonly AnyTool[],
  options: RegisterOptions,
): string[] {
  const offered = tools.filter((tool) => options.config.allowWrites || !isMutating(tool));
  for (const tool of offered) {
    server.registerTool(
      tool.name,
      {
        title: tool.annotations.title,
        description: tool.description,
        inputSchema: tool.input,
        annotations: tool.annotations,
      },
      (args: Record<string, unknown>, extra: CallExtra) => callTool(server, tool, args, extra, options),
    );
  }
  return offered.map((tool) => tool.name);
}

/** The part of the SDK's request extra a call uses. */
interface CallExtra {
  signal: AbortSignal;
  _meta?: { progressToken?: string | number; [key: string]: unknown } | undefined;
  sendNotification(notification: ServerNotification): Promise<void>;
}

async function callTool(
  server: McpServer,
  tool: AnyTool,
  args: Record<string, unknown>,
  extra: CallExtra,
  options: RegisterOptions,
): Promise<CallToolResult> {
  const clientSignal = extra.signal;
  const { config } = options;
  const invocationId = readInvocationId(extra._meta);
  const traced = invocationId ? { invocationId } : {};
  const logger = options.logger.child({ tool: tool.name, ...traced });
  let refused = false;
  const deadline = createDeadline(config.toolTimeoutMs, clientSignal);
  const started = Date.now();
  const context: ToolContext = {
    logger,
    // Handlers size their output to what is left once JSON gets its untrusted-data fence.
    budgetBytes: config.outputBudgetBytes - fenceOverheadBytes,
    signal: deadline.signal,
    async confirm(message) {
      // The model has been told this call failed: approving it now would apply an orphan change.
      deadline.signal.throwIfAborted();
      deadline.pause();
      try {
        return await requestConfirmation(server, message, {
          confirmWrites: config.confirmWrites,
          signal: clientSignal,
        });
      } finally {
        deadline.resume();
      }
    },
    async progress(done, total, message) {
      const progressToken = extra._meta?.progressToken;
      if (progressToken === undefined) return;
      await extra
        .sendNotification({
          method: 'notifications/progress',
          params: { progressToken, progress: done, ...(total === undefined ? {} : { total }), message },
        })
        .catch((error: unknown) => logger.debug('progress not sent', { error }));
    },
    async waitOutsideDeadline(wait) {
      deadline.pause();
      try {
        return await wait();
      } finally {
        deadline.resume();
      }
    },
    audit(record) {
      refused ||= refusals.has(record.outcome);
      const client = describeClient(server);
      writeAuditLine({ ...record, tool: tool.name, client, ...traced }, options.writeAudit);
    },
  };
  try {
    const result = await raceSignal(tool.handler(args, context), deadline.signal);
    logger.debug('tool call done', { ms: Date.now() - started });
    return marked(renderToolResult(result, config.outputBudgetBytes, tool.name), refused && 'refused');
  } catch (error) {
    const timedOut = error instanceof DeadlineExceeded && 'timeout';
    return marked(failureResult(tool, error, logger), (refused && 'refused') || timedOut);
  } finally {
    deadline.clear();
  }
}

const refusals = new Set<AuditRecord['outcome']>(['declined', 'unconfirmable']);

/** Says in `_meta` why a call did not do its job, where `isError` alone cannot (a declined write is not an error). */
function marked(result: CallToolResult, outcome: MarkedOutcome | false): CallToolResult {
  return outcome ? { ...result, _meta: { ...result._meta, [outcomeMetaKey]: outcome } } : result;
}

function failureResult(tool: AnyTool, error: unknown, logger: Logger): CallToolResult {
  if (isToolError(error)) return errorResult(error.toText());
  if (error instanceof DeadlineExceeded) {
    logger.warn('tool call timed out', { limitMs: error.limitMs });
    // A request already sent cannot be called back: the write may land after we gave up.
    if (isMutating(tool)) {
      return errorResult(
        `${tool.name} ${error.message}. The change may or may not have been applied. Read the current state before retrying.`,
      );
    }
    return errorResult(
      `${tool.name} ${error.message} without an answer from the API. It may be overloaded or unreachable; retry with a narrower request, or raise SRE_TOOL_TIMEOUT_MS.`,
    );
  }
  // Unexpected: keep the stack in the log, give the model the first line of the message only
  // (client libraries append response bodies and headers below it).
  logger.error('tool call failed unexpectedly', { error });
  const message = truncateCodePoints(
    (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '',
    300,
  );
  return errorResult(`${tool.name} failed unexpectedly: ${message}. The server log has the details.`);
}

function describeClient(server: McpServer): string {
  const client = server.server.getClientVersion();
  return client ? `${client.name}/${client.version}` : 'unknown';
}

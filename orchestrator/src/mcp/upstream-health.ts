import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { type UpstreamStatus, upstreamResourceUri } from '@sre-agent/shared';

/**
 * What a server says of the cluster or account behind it, from its `health://upstream` resource: a
 * server process can answer ping while every tool would fail for want of a kubeconfig or credentials.
 * Undefined for a server that does not offer the resource (not one of ours).
 */
export async function readUpstream(client: Client, timeoutMs: number): Promise<UpstreamStatus | undefined> {
  if (!client.getServerCapabilities()?.resources) return undefined;
  try {
    const result = await client.readResource({ uri: upstreamResourceUri }, { timeout: timeoutMs });
    const content = result.contents[0];
    const parsed = JSON.parse(
      content && 'text' in content ? content.text : 'null',
    ) as Partial<UpstreamStatus> | null;
    if (typeof parsed?.configured !== 'boolean' || typeof parsed.detail !== 'string') return undefined;
    return {
      configured: parsed.configured,
      reachable: typeof parsed.reachable === 'boolean' ? parsed.reachable : null,
      detail: parsed.detail,
    };
  } catch (error) {
    const unsupported =
      error instanceof McpError &&
      (error.code === ErrorCode.MethodNotFound ||
        error.code === ErrorCode.InvalidParams ||
        error.code === -32002);
    if (unsupported) return undefined;
    const message = error instanceof Error ? error.message : String(error);
    // No answer in time says nothing about the cluster: unknown, not down.
    const timedOut = error instanceof McpError && error.code === ErrorCode.RequestTimeout;
    return {
      configured: true,
      reachable: timedOut ? null : false,
      detail: `upstream status unreadable: ${message}`,
    };
  }
}

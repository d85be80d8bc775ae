import { ToolError, truncateCodePoints } from '@sre-agent/shared';
import type { KubeApis } from './kube-client.js';

/** What the failed call was trying to do, so the error can say it in kubectl's terms. */
export interface KubeOperation {
  verb: 'get' | 'list' | 'patch' | 'update' | 'watch';
  /** Plural resource as RBAC names it: `pods`, `deployments`, `pods/log`, `deployments/scale`. */
  resource: string;
  namespace?: string | undefined;
  name?: string | undefined;
}

interface KubeStatus {
  message?: string;
  reason?: string;
}

/**
 * Turns whatever the Kubernetes client threw into a ToolError with a cause and a remedy.
 * 404s are left to the caller (it knows which names to suggest) via `isNotFound`.
 */
export function toKubeToolError(
  error: unknown,
  operation: KubeOperation,
  apis: Pick<KubeApis, 'context' | 'server'>,
) {
  if (error instanceof ToolError) return error;
  const code = statusCode(error);
  const where = `(context "${apis.context}", ${apis.server})`;
  const target = describeTarget(operation);
  const serverSaid = statusMessage(error);
  if (code === 401) {
    return new ToolError(
      `The API server ${where} rejected the credentials (401 Unauthorized).`,
      'Refresh the kubeconfig credentials (for example log in to the cloud provider again) and retry.',
    );
  }
  if (code === 403) {
    return new ToolError(
      `RBAC refused to ${operation.verb} ${target} ${where}: ${serverSaid ?? 'forbidden'}.`,
      `Ask a cluster admin for a Role granting "${operation.verb}" on "${operation.resource}"${operation.namespace ? ` in namespace ${operation.namespace}` : ''}, or use another context.`,
    );
  }
  if (code === 404) return new ToolError(`${capitalise(target)} was not found ${where}.`, serverSaid ?? '');
  if (code === 409)
    return new ToolError(
      `Conflict updating ${target}: ${serverSaid ?? 'the object changed'}.`,
      'Read it again and retry.',
    );
  if (code === 422 || code === 400) {
    return new ToolError(`The API server refused the request for ${target}: ${serverSaid ?? 'invalid'}.`, '');
  }
  if (code === 429) {
    return new ToolError(
      `The API server ${where} is throttling requests (429).`,
      'Wait a few seconds and retry, with a smaller request if you can.',
    );
  }
  if (code !== undefined && code >= 500) {
    return new ToolError(
      `The API server ${where} failed to ${operation.verb} ${target} (HTTP ${code}${serverSaid ? `: ${serverSaid}` : ''}).`,
      'The control plane may be degraded; retry shortly.',
    );
  }
  if (isCutBody(error)) {
    return new ToolError(
      `The API server ${where} answered ${operation.verb} ${target} with a body that is not valid JSON (cut off in transit?).`,
      'Retry; if it keeps happening, a proxy or load balancer in front of the API server is cutting responses.',
    );
  }
  const network = networkCause(error);
  if (network) {
    return new ToolError(
      `Cannot reach the Kubernetes API server ${where}: ${network}.`,
      'Check that the cluster is up and reachable (VPN, network), and that KUBECONFIG / KUBE_CONTEXT point at it.',
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

export function isNotFound(error: unknown): boolean {
  return statusCode(error) === 404;
}

export function statusCode(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number') {
    return error.code;
  }
  return undefined;
}

/**
 * The `message` of the Kubernetes Status body, which the client keeps as text or object, on one
 * short line: admission webhooks may answer with any text, and error results have no budget.
 */
export function statusMessage(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('body' in error)) return undefined;
  const message = rawStatusMessage(error.body);
  if (typeof message !== 'string') return undefined;
  const line = message.replace(/\s+/g, ' ').trim();
  return truncateCodePoints(line, 300, '…') || undefined;
}

function rawStatusMessage(raw: unknown): unknown {
  if (typeof raw !== 'string') return (raw as KubeStatus | undefined)?.message;
  try {
    return (JSON.parse(raw) as KubeStatus | undefined)?.message;
  } catch {
    return raw;
  }
}

const networkCodes = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
];

function networkCause(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && networkCodes.includes(code)) return code;
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && /fetch failed|socket hang up|network|ECONN/i.test(message)) {
      const inner = (current as { cause?: unknown }).cause;
      if (!inner) return message;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The client parses the body itself, so a response cut short surfaces as JSON.parse's SyntaxError. */
function isCutBody(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof SyntaxError) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function describeTarget(operation: KubeOperation): string {
  const name = operation.name ? ` "${operation.name}"` : '';
  const namespace = operation.namespace ? ` in namespace "${operation.namespace}"` : ' in all namespaces';
  return `${operation.resource}${name}${namespace}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

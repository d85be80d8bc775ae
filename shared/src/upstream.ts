import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { truncateCodePoints } from './output/cut-text.js';

/**
 * Whether the system a server fronts (a cluster, an AWS account) is set up and answering. A server
 * process can be healthy while every tool call would fail for want of a kubeconfig or credentials;
 * this says which, without secrets: paths, context names, URLs, credential sources, never values.
 */
export interface UpstreamStatus {
  /** Credentials or a kubeconfig were found. */
  configured: boolean;
  /** The upstream answered; null when unknown (the check does not contact it, or has not answered yet). */
  reachable: boolean | null;
  /** One line an operator can act on. */
  detail: string;
}

export type UpstreamCheck = () => Promise<UpstreamStatus>;

/** The MCP resource a client reads (the orchestrator's /health does); resources cost the model nothing. */
export const upstreamResourceUri = 'health://upstream';

const defaultTtlMs = 30_000;
// Under the orchestrator's 3 s /health budget, so a slow cluster shows as such rather than failing the probe.
const defaultTimeoutMs = 2_000;

/**
 * Runs the check at most once per `ttlMs` however often health is polled, shares one check among
 * concurrent callers, bounds it by `timeoutMs`, and turns a throw into a status instead of an error.
 */
export function cacheUpstreamCheck(
  check: UpstreamCheck,
  options: { ttlMs?: number; timeoutMs?: number; now?: () => number } = {},
): UpstreamCheck {
  const { ttlMs = defaultTtlMs, timeoutMs = defaultTimeoutMs, now = Date.now } = options;
  let cached: { at: number; status: Promise<UpstreamStatus> } | undefined;
  return () => {
    if (cached && now() - cached.at < ttlMs) return cached.status;
    const answer = settled(check);
    let timedOut = false;
    const entry = { at: now(), status: bounded(answer, timeoutMs, () => (timedOut = true)) };
    cached = entry;
    // A slow first check (the SDK loading) should not leave "no answer" in place for a whole TTL:
    // the real answer replaces it as soon as it comes.
    void answer.then((status) => {
      if (timedOut && cached === entry) cached = { at: now(), status: Promise.resolve(status) };
    });
    return entry.status;
  };
}

async function settled(check: UpstreamCheck): Promise<UpstreamStatus> {
  try {
    return await check();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = truncateCodePoints(message.split('\n')[0] ?? '', 300);
    return { configured: true, reachable: false, detail: `check failed: ${line}` };
  }
}

async function bounded(
  answer: Promise<UpstreamStatus>,
  timeoutMs: number,
  onTimeout: () => void,
): Promise<UpstreamStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<UpstreamStatus>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      // Unknown, not down: the first check also loads the SDK. Its real answer replaces this one.
      resolve({
        configured: true,
        reachable: null,
        detail: `the check has not answered within ${timeoutMs} ms; it goes on, ask again shortly`,
      });
    }, timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Offers the upstream status as a resource, so a client can read it without a tool call. */
export function registerUpstreamResource(server: McpServer, check: UpstreamCheck): void {
  server.registerResource(
    'upstream-health',
    upstreamResourceUri,
    {
      title: 'Upstream health',
      description: 'Whether the cluster or cloud account this server fronts is configured and reachable',
      mimeType: 'application/json',
    },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(await check()) }],
    }),
  );
}

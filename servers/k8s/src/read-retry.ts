/**
 * One retry for Kubernetes reads, the only place it is decided: the generated clients get it
 * through their HTTP library (`retryingReads`), the raw GETs and list pages of kube-client.ts
 * through `retryRead`. Writes are never retried.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpLibrary } from '@kubernetes/client-node';

/**
 * Answers after which the same read, sent again a moment later, usually succeeds: API priority
 * and fairness shedding load (429), an API server restarting or a load balancer without a healthy
 * backend (503), a gateway timeout (504).
 */
const transientStatuses = new Set([429, 503, 504]);
/** A dropped connection: a kube-apiserver replica rolling, an idle keep-alive closed by a proxy. */
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

export const retryDelayMs = 200;
/** Retry-After is honoured up to this; a longer wait is the caller's deadline to spend, not ours. */
export const maxRetryDelayMs = 1_000;

/** The SDK's classes a retrying HTTP library builds its answers with (passed in: loaded lazily). */
type ReadRetrySdk = Pick<
  typeof import('@kubernetes/client-node'),
  'HttpMethod' | 'ResponseContext' | 'SelfDecodingBody' | 'Observable'
>;

/**
 * The generated clients' HTTP library: the SDK's, with each GET retried once. A read's body is read inside
 * the retry, so a connection reset half-way through it is retried too; writes pass through as sent.
 */
export function retryingReads(sdk: ReadRetrySdk, inner: HttpLibrary): HttpLibrary {
  return {
    send(request) {
      if (request.getHttpMethod() !== sdk.HttpMethod.GET) return inner.send(request);
      const read = retryRead(async (last) => {
        const response = await inner.send(request).toPromise();
        const { httpStatusCode: code, headers } = response;
        if (!last && isTransientStatus(code)) {
          await response.body.text().catch(() => undefined);
          throw new TransientStatus(code, headers);
        }
        // text(), as the SDK reads every answer (its binary() calls a method undici lacks).
        const data = Buffer.from(await response.body.text());
        return new sdk.ResponseContext(code, headers, new sdk.SelfDecodingBody(Promise.resolve(data)));
      }, request.getSignal());
      return new sdk.Observable(read);
    },
  };
}

/** A transient status seen on a first attempt, turned into an error so `retryRead` sends it again. */
class TransientStatus extends Error {
  constructor(
    readonly code: number,
    readonly headers: Record<string, string>,
  ) {
    super(`HTTP ${code}`);
  }
}

function isTransientStatus(code: number): boolean {
  return transientStatuses.has(code);
}

/**
 * Runs a read, and once more after a short pause if it failed in a way that a second try fixes
 * (a transient status, a reset connection). Only for GETs: a write is never sent twice, since
 * the first may have been applied before its answer was lost. `attempt` is told which try is the
 * last, so it can let a transient status through as the caller's usual error.
 */
export async function retryRead<T>(
  attempt: (last: boolean) => Promise<T>,
  signal?: AbortSignal | null,
): Promise<T> {
  try {
    return await attempt(false);
  } catch (error) {
    const delay = delayFor(error);
    if (delay === undefined || signal?.aborted) throw error;
    // The caller's deadline cuts the pause short; its error is the first attempt's, not an abort.
    await sleep(delay, undefined, signal ? { signal } : {}).catch(() => {
      throw error;
    });
    return attempt(true);
  }
}

/** The pause before the second try, or undefined when a second try would not help. */
function delayFor(error: unknown): number | undefined {
  if (isConnectionReset(error)) return retryDelayMs;
  const answer = error as { code?: unknown; headers?: Record<string, string> } | undefined;
  if (typeof answer?.code !== 'number' || !isTransientStatus(answer.code)) return undefined;
  return retryAfterMs(answer.headers?.['retry-after']);
}

function retryAfterMs(value: string | undefined): number {
  if (!value) return retryDelayMs;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1_000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), maxRetryDelayMs) : retryDelayMs;
}

/** undici wraps the socket's error: `fetch failed` or `terminated`, with the reset as its cause. */
export function isConnectionReset(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && resetCodes.has(code)) return true;
    if (typeof message === 'string' && /socket hang up|other side closed/i.test(message)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

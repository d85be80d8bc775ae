// One more attempt, half a second later, when Gemini is briefly away: a 5xx from an overloaded or
// restarting endpoint, or a connection that failed or reset. The Anthropic, OpenAI and Bedrock SDKs
// do this by default; @google/genai retries statuses only, not a reset connection (its retry library
// treats Node's "fetch failed" as final), and the timeout would bound each of its attempts anyway.
// Not 429: a quota does not come back in half a second. Never once text has reached the user.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ModelChunk, ModelRequest, ModelTurn } from './model.js';

const attempts = 2;
const retryDelayMs = 500;
const transient = new Set(['INTERNAL', 'UNAVAILABLE', 'HTTP_502', 'MODEL_UNREACHABLE']);

function worthRetrying(turn: ModelTurn, signal: AbortSignal | undefined): boolean {
  return !turn.ok && transient.has(turn.errorCode) && !signal?.aborted;
}

export async function generateWithRetry(
  request: ModelRequest,
  generate: () => Promise<ModelTurn>,
): Promise<ModelTurn> {
  for (let attempt = 1; ; attempt += 1) {
    const turn = await generate();
    if (attempt >= attempts || !worthRetrying(turn, request.signal)) return turn;
    await pause(request.signal);
  }
}

export async function* streamWithRetry(
  request: ModelRequest,
  stream: () => AsyncIterable<ModelChunk>,
): AsyncGenerator<ModelChunk> {
  for (let attempt = 1; ; attempt += 1) {
    let answered = false;
    let failed: ModelChunk | undefined;
    for await (const chunk of stream()) {
      const retry =
        chunk.type === 'final' &&
        !answered &&
        attempt < attempts &&
        worthRetrying(chunk.turn, request.signal);
      if (retry) failed = chunk;
      else yield chunk;
      if (chunk.type === 'partial') answered = true;
    }
    if (!failed) return;
    await pause(request.signal);
  }
}

async function pause(signal: AbortSignal | undefined): Promise<void> {
  // A cancellation during the pause lets the next attempt fail fast as CANCELLED.
  await sleep(retryDelayMs, undefined, signal ? { signal } : {}).catch(() => undefined);
}

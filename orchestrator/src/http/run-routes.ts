import type { Logger } from '@sre-agent/shared';
import { type Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AdkEvent, Runner, SessionKey, SessionStore } from '../adk/types.js';
import { HttpError, NotFoundError, ServiceUnavailableError } from '../errors.js';
import type { AppEnv } from './app-env.js';
import type { AppNames } from './app-names.js';
import { assertCanActAs, assertCanWriteState } from './auth.js';
import { readBody } from './read-body.js';
import { runRequestSchema } from './request-schemas.js';

interface RunDeps {
  store: Pick<SessionStore, 'getSession'>;
  runner: Pick<Runner, 'run'>;
  logger: Pick<Logger, 'error'>;
  appNames: AppNames;
}

/** `POST /run` (the turn's events as one JSON array) and `POST /run_sse` (one SSE frame per event). */
export function runRoutes(deps: RunDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.post('/run', async (c) => {
    const request = await readRunRequest(c, deps);
    const events: AdkEvent[] = [];
    for await (const event of deps.runner.run({ ...request, streaming: false, signal: c.req.raw.signal })) {
      if (event.partial !== true) events.push(event);
    }
    return c.json(events);
  });

  routes.post('/run_sse', async (c) => {
    // Everything that can be refused is refused before the stream starts, while a status code still works.
    const request = await readRunRequest(c, deps);
    return streamSSE(c, async (stream) => {
      const abort = new AbortController();
      stream.onAbort(() => abort.abort());
      try {
        for await (const event of deps.runner.run({ ...request, signal: abort.signal })) {
          if (event.partial === true && !request.streaming) continue;
          await stream.writeSSE({ data: JSON.stringify(event) });
        }
      } catch (error) {
        const requestId = c.get('requestId');
        // ADK's api_server reports a failed stream the same way: one last frame with an error field. An
        // expected failure (a busy database: 503) says what it is, as its status would have.
        if (error instanceof HttpError) {
          const retry = error instanceof ServiceUnavailableError ? error.retryAfterSeconds : undefined;
          const frame = {
            error: error.message,
            requestId,
            ...(retry === undefined ? {} : { retryAfterSeconds: retry }),
          };
          await stream.writeSSE({ data: JSON.stringify(frame) });
          return;
        }
        deps.logger.error('run_sse failed', { requestId, error });
        await stream.writeSSE({ data: JSON.stringify({ error: 'Internal server error', requestId }) });
      }
    });
  });

  return routes;
}

async function readRunRequest(c: Context<AppEnv>, deps: RunDeps) {
  const body = await readBody(c, runRequestSchema);
  if (!deps.appNames.accepts(body.appName)) throw new NotFoundError(`App not found: ${body.appName}`);
  assertCanActAs(c.get('principal'), body.userId);
  assertCanWriteState(c.get('principal'), body.stateDelta, 'stateDelta');
  const session: SessionKey = {
    appName: deps.appNames.canonical,
    userId: body.userId,
    sessionId: body.sessionId,
  };
  // One event is enough to prove the session exists without loading its history.
  if ((await deps.store.getSession(session, { numRecentEvents: 1 })) === undefined) {
    throw new NotFoundError('Session not found');
  }
  return {
    session,
    newMessage: body.newMessage,
    streaming: body.streaming,
    ...(body.stateDelta === undefined ? {} : { stateDelta: body.stateDelta }),
  };
}

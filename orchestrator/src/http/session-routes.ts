import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { z } from 'zod';
import { fullActions } from '../adk/event-actions.js';
import type { AdkEvent, EventActions, SessionKey, SessionStore } from '../adk/types.js';
import { NotFoundError } from '../errors.js';
import { requestConfirmationName } from '../runner/confirmation.js';
import type { AppEnv } from './app-env.js';
import type { AppNames } from './app-names.js';
import { assertCanActAs, assertCanWriteState } from './auth.js';
import { readBody } from './read-body.js';
import {
  createSessionSchema,
  createSessionWithIdSchema,
  type importedEventSchema,
  updateSessionSchema,
} from './request-schemas.js';

export type SessionRouteStore = Pick<
  SessionStore,
  | 'createSession'
  | 'getSession'
  | 'listSessions'
  | 'deleteSession'
  | 'updateSessionState'
  | 'appendEvent'
  | 'withSessionLock'
>;

/** `/apps/{app}/users/{user}/sessions[/{session}]`, as ADK's api_server serves them. */
export function sessionRoutes(store: SessionRouteStore, names: AppNames): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const appName = names.canonical;

  routes.use('/apps/:app/users/:user/*', async (c, next) => {
    if (!names.accepts(c.req.param('app'))) throw new NotFoundError(`App not found: ${c.req.param('app')}`);
    // No id holds NUL: PostgreSQL's text columns refuse it, so such a path can only be "not found".
    if (c.req.path.includes('\0')) throw new NotFoundError('Not Found');
    assertCanActAs(c.get('principal'), c.req.param('user'));
    await next();
  });

  routes.get('/apps/:app/users/:user/sessions', async (c) =>
    c.json(await store.listSessions(appName, c.req.param('user'))),
  );

  routes.post('/apps/:app/users/:user/sessions', async (c) => {
    const body = await readBody(c, createSessionSchema, { optional: true });
    assertCanWriteState(c.get('principal'), body.state, 'state');
    for (const [index, event] of (body.events ?? []).entries()) {
      assertCanWriteState(
        c.get('principal'),
        event.actions?.stateDelta,
        `events[${index}].actions.stateDelta`,
      );
    }
    const userId = c.req.param('user');
    const session = await store.createSession({
      appName,
      userId,
      sessionId: body.sessionId,
      state: body.state,
    });
    if (body.events === undefined || body.events.length === 0) return c.json(session);
    const key = { appName, userId, sessionId: session.id };
    for (const event of body.events) await store.appendEvent(key, toEvent(event));
    return c.json(await store.getSession(key));
  });

  routes.get('/apps/:app/users/:user/sessions/:session', async (c) => {
    const session = await store.getSession(keyOf(c.req.param(), appName));
    if (session === undefined) throw new NotFoundError('Session not found');
    return c.json(session);
  });

  routes.post('/apps/:app/users/:user/sessions/:session', async (c) => {
    const body = await readBody(c, createSessionWithIdSchema, { optional: true, raw: true });
    assertCanWriteState(c.get('principal'), body.state, 'state');
    const { userId, sessionId } = keyOf(c.req.param(), appName);
    return c.json(await store.createSession({ appName, userId, sessionId, state: body.state }));
  });

  routes.patch('/apps/:app/users/:user/sessions/:session', async (c) => {
    const body = await readBody(c, updateSessionSchema);
    assertCanWriteState(c.get('principal'), body.stateDelta, 'stateDelta');
    const key = keyOf(c.req.param(), appName);
    // Under the session lock, so a state change never lands in the middle of a running turn.
    const session = await store.withSessionLock(key, () => store.updateSessionState(key, body.stateDelta));
    return c.json(session);
  });

  routes.delete('/apps/:app/users/:user/sessions/:session', async (c) => {
    const key = keyOf(c.req.param(), appName);
    // Under the session lock, so a turn in flight finishes writing before its session goes, rather
    // than append to a session half deleted.
    if (!(await store.withSessionLock(key, () => store.deleteSession(key))))
      throw new NotFoundError('Session not found');
    return c.json(null);
  });

  return routes;
}

function keyOf(params: Record<string, string>, appName: string): SessionKey {
  return { appName, userId: params.user ?? '', sessionId: params.session ?? '' };
}

// Only the runner may ask for a confirmation: a seeded request would let a client "confirm" a tool call
// the model never made. The model never sees these parts, so dropping them changes nothing else.
function toEvent(input: z.infer<typeof importedEventSchema>): AdkEvent {
  const { content } = input;
  return {
    ...input,
    ...(content
      ? {
          content: {
            ...content,
            parts: content.parts.filter((part) => part.functionCall?.name !== requestConfirmationName),
          },
        }
      : {}),
    id: input.id ?? randomUUID(),
    invocationId: input.invocationId ?? '',
    timestamp: input.timestamp ?? Date.now() / 1000,
    actions: fullActions(input.actions as Partial<EventActions> | undefined),
  } as AdkEvent;
}

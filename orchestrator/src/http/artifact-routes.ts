import { type Context, Hono } from 'hono';
import type { SessionKey, SessionStore } from '../adk/types.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { AppEnv } from './app-env.js';
import type { AppNames } from './app-names.js';
import { assertCanActAs } from './auth.js';

// ADK's artifact routes (adk-python fast_api.py, adk-js adk_web_server.ts): list a session's files, load
// the latest or one version (an ADK Part with inlineData), list versions, delete all versions.

const base = '/apps/:app/users/:user/sessions/:session/artifacts';

export function artifactRoutes(store: Pick<SessionStore, 'artifacts'>, names: AppNames): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const keyOf = (c: Context<AppEnv>): SessionKey => {
    if (!names.accepts(c.req.param('app') ?? ''))
      throw new NotFoundError(`App not found: ${c.req.param('app')}`);
    const userId = c.req.param('user') ?? '';
    assertCanActAs(c.get('principal'), userId);
    return { appName: names.canonical, userId, sessionId: c.req.param('session') ?? '' };
  };
  const notFound = (name: string) => new NotFoundError(`Artifact not found: ${name}`);

  routes.get(base, async (c) => c.json((await store.artifacts?.listKeys(keyOf(c))) ?? []));

  routes.get(`${base}/:name`, async (c) => {
    const name = c.req.param('name');
    const artifact = await store.artifacts?.load(keyOf(c), name);
    if (artifact === undefined) throw notFound(name);
    return c.json(artifact);
  });

  routes.get(`${base}/:name/versions`, async (c) =>
    c.json((await store.artifacts?.listVersions(keyOf(c), c.req.param('name'))) ?? []),
  );

  routes.get(`${base}/:name/versions/:version`, async (c) => {
    const name = c.req.param('name');
    const version = Number(c.req.param('version'));
    if (!Number.isInteger(version) || version < 0) {
      throw new ValidationError([
        { loc: ['path', 'version_id'], msg: 'must be a whole number from 0', type: 'int_parsing' },
      ]);
    }
    const artifact = await store.artifacts?.load(keyOf(c), name, version);
    if (artifact === undefined) throw notFound(name);
    return c.json(artifact);
  });

  routes.delete(`${base}/:name`, async (c) => {
    await store.artifacts?.remove(keyOf(c), c.req.param('name'));
    return c.json(null);
  });
  return routes;
}

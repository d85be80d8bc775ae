import type { Logger } from '@sre-agent/shared';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import type { Runner, SessionStore } from '../adk/types.js';
import type { OrchestratorConfig } from '../config.js';
import { HttpError } from '../errors.js';
import type { TraceRecorder } from '../runner/trace-recorder.js';
import { devUiRoutes } from '../web/dev-ui-routes.js';
import { chatPageRoutes, type WebPageAssets } from '../web/index.js';
import type { AgentInfo } from './agent-graph.js';
import type { AppEnv } from './app-env.js';
import { APP_NAME, appNames } from './app-names.js';
import { artifactRoutes } from './artifact-routes.js';
import { authMiddleware } from './auth.js';
import { devRoutes } from './dev-routes.js';
import { createErrorHandler, notFoundOrWrongMethod } from './error-handler.js';
import { hostGuard } from './host-guard.js';
import { requireJsonBody } from './json-content-type.js';
import { metaRoutes } from './meta-routes.js';
import { type MetricsRouteDeps, metricsRoutes, metricsTokenGuarded } from './metrics-routes.js';
import { runRoutes } from './run-routes.js';
import { sessionRoutes } from './session-routes.js';
import { type ToolRouteDeps, toolRoutes } from './tool-routes.js';

export { APP_NAME, SEED_APP_NAME } from './app-names.js';

export interface AppDeps {
  store: SessionStore;
  runner: Runner;
  /** `host` (the bind address) and `allowedHosts` widen the names the API answers to (see host-guard). */
  config: Pick<OrchestratorConfig, 'apiToken' | 'corsOrigins'> &
    Partial<Pick<OrchestratorConfig, 'host' | 'allowedHosts' | 'appAliases'>>;
  logger: Logger;
  version: string;
  /** Largest request body accepted; inline images are the big case. */
  maxBodyBytes?: number;
  healthTimeoutMs?: number;
  /** The directory of the ADK dev UI's build, served at /dev-ui/ (SRE_DEV_UI); not served when unset. */
  devUiDir?: string;
  /** The agent and its MCP tools, for the dev UI's agent graph. */
  agent?: () => AgentInfo;
  /** Spans of model and tool calls, for the dev UI's traces (the runner records them). */
  tracer?: TraceRecorder;
  /**
   * Routes that authenticate on their own (the Slack bot checks Slack's signature), mounted with the
   * chat page ahead of the bearer check. They must bound their own request bodies.
   */
  publicRoutes?: Hono<AppEnv>[];
  /** Served at /metrics (Prometheus text format) when given. */
  metrics?: MetricsRouteDeps['metrics'];
  /** SRE_METRICS_TOKEN: reads /metrics only. */
  metricsToken?: string | undefined;
  /** The web page's bundled script and style (`readWebPageAssets()`); without them `/` says to build. */
  webPage?: WebPageAssets;
  /** The MCP tools, for the web page's tools panel (`/apps/{app}/tools`); not served when unset. */
  tools?: ToolRouteDeps['hub'];
}

/** ADK api_server-compatible HTTP API. Cheap and side-effect free: no port, nothing started. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(deps.logger));
  app.notFound(notFoundOrWrongMethod(app));

  app.use(requestId());
  // Ahead of the Host/Origin guard: they authenticate each request on their own (Slack's signature).
  for (const routes of deps.publicRoutes ?? []) app.route('/', routes);
  const tokens = { apiToken: deps.config.apiToken, metricsToken: deps.metricsToken };
  const metrics = deps.metrics && metricsRoutes({ metrics: deps.metrics, ...tokens });
  // Behind a token, the token is the defence, and a scraper comes by pod IP, a name the guard does not know.
  const metricsAheadOfGuard = metrics !== undefined && metricsTokenGuarded(tokens);
  if (metricsAheadOfGuard) app.route('/', metrics);
  app.use(
    hostGuard({
      bindHost: deps.config.host,
      allowedHosts: deps.config.allowedHosts ?? [],
      corsOrigins: deps.config.corsOrigins,
    }),
  );
  if (metrics !== undefined && !metricsAheadOfGuard) app.route('/', metrics);
  // The chat page itself holds nothing secret; it asks for the token when the API wants one.
  app.route('/', chatPageRoutes(deps.webPage));
  if (deps.devUiDir !== undefined) app.route('/', devUiRoutes(deps.devUiDir));
  // Before auth, so a browser's preflight (which never carries credentials) is answered.
  if (deps.config.corsOrigins.length > 0) {
    app.use(
      cors({
        origin: deps.config.corsOrigins.includes('*') ? '*' : deps.config.corsOrigins,
        allowHeaders: ['Authorization', 'Content-Type'],
        allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
        exposeHeaders: ['X-Request-Id'],
        maxAge: 600,
      }),
    );
  }
  app.use(authMiddleware(deps.config.apiToken));
  app.use(
    bodyLimit({
      maxSize: deps.maxBodyBytes ?? 10 * 1024 * 1024,
      onError: () => {
        throw new HttpError(413, 'payload_too_large', 'Request body too large');
      },
    }),
  );
  app.use(requireJsonBody());
  app.use(accessLog(deps.logger));

  const names = appNames(deps.config.appAliases ?? []);
  app.route('/', metaRoutes({ ...deps, appName: APP_NAME }));
  app.route('/', sessionRoutes(deps.store, names));
  app.route('/', artifactRoutes(deps.store, names));
  app.route('/', runRoutes({ ...deps, appNames: names }));
  app.route('/', devRoutes({ ...deps, appNames: names, agent: deps.agent ?? (() => noTools) }));
  if (deps.tools !== undefined) {
    app.route('/', toolRoutes({ hub: deps.tools, appNames: names, logger: deps.logger }));
  }
  return app;
}

const noTools: AgentInfo = { name: APP_NAME, description: '', model: '', tools: [] };

function accessLog(logger: Pick<Logger, 'debug'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.debug('request', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  };
}

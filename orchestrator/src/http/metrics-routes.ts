import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { UnauthorizedError } from '../errors.js';
import type { AppEnv } from './app-env.js';
import { authenticate } from './auth.js';

export interface MetricsRouteDeps {
  metrics: { render(): Promise<{ contentType: string; body: string }> };
  /** SRE_API_TOKEN: its service token reads /metrics; a user token derived from it does not. */
  apiToken: string | undefined;
  /** SRE_METRICS_TOKEN: reads /metrics and nothing else, so a scraper need not hold the service token. */
  metricsToken: string | undefined;
}

/** `/metrics` in the Prometheus text format. Open when neither token is set, like the rest of the API. */
export function metricsRoutes(deps: MetricsRouteDeps): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/metrics', async (c) => {
    if (!mayRead(deps, c.req.header('authorization'))) {
      throw new UnauthorizedError(
        'Missing or invalid bearer token: /metrics takes SRE_METRICS_TOKEN or the service token (SRE_API_TOKEN)',
      );
    }
    const { contentType, body } = await deps.metrics.render();
    return c.body(body, 200, { 'content-type': contentType });
  });
  return routes;
}

/** Whether a token guards /metrics, in which case it is served to any Host (a scraper comes by pod IP). */
export function metricsTokenGuarded(deps: Pick<MetricsRouteDeps, 'apiToken' | 'metricsToken'>): boolean {
  return deps.apiToken !== undefined || deps.metricsToken !== undefined;
}

function mayRead(deps: MetricsRouteDeps, header: string | undefined): boolean {
  if (!metricsTokenGuarded(deps)) return true;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (bearer === undefined) return false;
  if (deps.metricsToken !== undefined && sameSecret(bearer, deps.metricsToken)) return true;
  return deps.apiToken !== undefined && authenticate(deps.apiToken, bearer)?.kind === 'service';
}

// Hashing first makes both sides the same length, which timingSafeEqual requires.
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

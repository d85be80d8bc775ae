import { z } from 'zod';
import { optionalText, optionalUrl } from '../env-fields.js';

/** Spread into the orchestrator's environment schema, so `--help` and the README list them too. */
export const telemetryEnvShape = {
  SRE_METRICS_TOKEN: optionalText()
    .refine((token) => token === undefined || token.length >= 16, 'use at least 16 characters')
    .describe('Bearer token accepted at /metrics besides SRE_API_TOKEN, for a Prometheus scraper'),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl(
    'OTLP/HTTP collector base URL (e.g. http://otel-collector:4318); traces are exported when set',
  ),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl(
    'Full OTLP/HTTP traces URL, used as is instead of OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces',
  ),
  OTEL_SERVICE_NAME: z.string().default('sre-agent').describe('service.name of the exported spans'),
};

type TelemetryEnv = {
  SRE_METRICS_TOKEN?: string | undefined;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string | undefined;
  OTEL_SERVICE_NAME: string;
};

export interface TelemetrySettings {
  metricsToken: string | undefined;
  /** Where spans are sent; no export when undefined. */
  otlpTracesUrl: string | undefined;
  serviceName: string;
}

export function telemetrySettings(env: TelemetryEnv): TelemetrySettings {
  // As OpenTelemetry's own SDKs do: the signal-specific URL as is, the generic one with the signal's path.
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
  return {
    metricsToken: env.SRE_METRICS_TOKEN,
    otlpTracesUrl: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base}/v1/traces` : undefined),
    serviceName: env.OTEL_SERVICE_NAME,
  };
}

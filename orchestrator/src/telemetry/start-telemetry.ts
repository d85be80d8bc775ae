import type { Logger } from '@sre-agent/shared';
import { createTraceRecorder, type TraceRecorder } from '../runner/trace-recorder.js';
import type { PrometheusMetrics } from './prometheus-metrics.js';
import type { TelemetrySettings } from './telemetry-config.js';

/** What `serve` watches itself with: the metrics registry, the span recorder, and how to stop both. */
export interface Telemetry {
  metrics: PrometheusMetrics;
  /** The dev UI's spans, exported over OTLP too when an endpoint is set. */
  tracer: TraceRecorder;
  /** Sends the spans still batched. */
  shutdown(): Promise<void>;
}

/**
 * Loads prom-client, and the OpenTelemetry SDK only when an OTLP endpoint is set: `chat` and the stdio
 * servers never come here, so they load neither.
 */
export async function startTelemetry(
  settings: TelemetrySettings,
  deps: { logger: Logger; version: string },
): Promise<Telemetry> {
  const { createPrometheusMetrics } = await import('./prometheus-metrics.js');
  const metrics = await createPrometheusMetrics();
  const recorder = createTraceRecorder();
  if (settings.otlpTracesUrl === undefined) {
    return { metrics, tracer: recorder, shutdown: async () => {} };
  }
  const { exportSpansOverOtlp } = await import('./otlp-trace-recorder.js');
  const otlp = await exportSpansOverOtlp(recorder, {
    url: settings.otlpTracesUrl,
    serviceName: settings.serviceName,
    version: deps.version,
  });
  // The origin only: a URL may carry credentials.
  deps.logger.info('exporting traces over OTLP', { to: new URL(settings.otlpTracesUrl).origin });
  return {
    metrics,
    tracer: otlp.recorder,
    shutdown: () =>
      otlp
        .shutdown()
        .catch((error: unknown) => deps.logger.warn('spans not exported at shutdown', { error })),
  };
}

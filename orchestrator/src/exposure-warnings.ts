import { isLoopbackAddress } from '@sre-agent/shared';
import type { OrchestratorConfig } from './config.js';

// The API runs turns against the real kubeconfig and AWS account and approves changes. Without
// SRE_API_TOKEN, what keeps others out is where it listens and which pages may call it: said at start
// when either is wide open, so it is a choice and not an accident.

export interface ExposureWarning {
  message: string;
  fields: Record<string, unknown>;
}

export function exposureWarnings(
  config: Pick<OrchestratorConfig, 'host' | 'apiToken' | 'corsOrigins'>,
): ExposureWarning[] {
  if (config.apiToken !== undefined) return [];
  const warnings: ExposureWarning[] = [];
  if (!isLoopbackAddress(config.host)) {
    warnings.push({
      message:
        'listening beyond this machine without SRE_API_TOKEN: anyone who can reach the port can run turns against the cluster and cloud accounts and approve changes',
      fields: {
        host: config.host,
        remedy: 'set SRE_API_TOKEN (clients then send Authorization: Bearer <token>), or bind 127.0.0.1',
      },
    });
  }
  if (config.corsOrigins.includes('*')) {
    warnings.push({
      message:
        'SRE_CORS_ORIGINS=* without SRE_API_TOKEN: any web page open in a browser here can drive this API',
      fields: { remedy: 'list the origins of your own pages in SRE_CORS_ORIGINS, or set SRE_API_TOKEN' },
    });
  }
  return warnings;
}

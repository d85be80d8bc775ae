import { endpointFor } from '@sre-agent/aws-shared';
import { ConfigError } from '@sre-agent/shared';
import { describe, expect, it } from 'vitest';
import { costExplorerRegionFor, parseCostConfig } from './config.js';

describe('parseCostConfig', () => {
  it('has safe defaults: us-east-1, 100 requests an hour, 1 h / 10 min cache', () => {
    expect(parseCostConfig({})).toMatchObject({
      profile: undefined,
      region: 'us-east-1',
      costExplorerRegion: 'us-east-1',
      endpoint: undefined,
      maxRequestsPerHour: 100,
      cacheTtlPastMs: 3_600_000,
      cacheTtlCurrentMs: 600_000,
      maxAttempts: 3,
    });
  });

  it('signs for the partition of the caller region, whatever the region', () => {
    expect(parseCostConfig({ AWS_REGION: 'eu-west-1' }).costExplorerRegion).toBe('us-east-1');
    expect(costExplorerRegionFor('cn-north-1')).toBe('cn-northwest-1');
    expect(costExplorerRegionFor('us-gov-east-1')).toBe('us-gov-west-1');
  });

  it('prefers the service endpoint over the global one', () => {
    const config = parseCostConfig({
      AWS_ENDPOINT_URL: 'http://proxy:1',
      AWS_ENDPOINT_URL_COST_EXPLORER: 'http://ce:2',
    });
    expect(config.endpoint).toBe('http://ce:2');
    expect(endpointFor(config.aws, 'STS')).toBe('http://proxy:1');
  });

  it('lists every problem at once', () => {
    const attempt = () =>
      parseCostConfig({
        SRE_CE_MAX_REQUESTS_PER_HOUR: 'lots',
        SRE_CE_ROLE_ARN: 'billing-role',
        AWS_ENDPOINT_URL_COST_EXPLORER: 'ftp://x',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /SRE_CE_MAX_REQUESTS_PER_HOUR[\s\S]*AWS_ENDPOINT_URL_COST_EXPLORER|AWS_ENDPOINT_URL_COST_EXPLORER[\s\S]*SRE_CE_MAX_REQUESTS_PER_HOUR/,
    );
    expect(attempt).toThrow(/SRE_CE_ROLE_ARN: expected a role ARN/);
  });
});

import { endpointFor } from '@sre-agent/aws-shared';
import { ConfigError } from '@sre-agent/shared';
import { describe, expect, it } from 'vitest';
import { parseAwsCoreConfig } from './config.js';

describe('parseAwsCoreConfig', () => {
  it('has safe defaults for an empty environment', () => {
    const config = parseAwsCoreConfig({});
    expect(config).toMatchObject({
      region: undefined,
      profile: undefined,
      roles: {},
      kubeconfigPath: undefined,
      kubeContext: undefined,
    });
    expect(config.aws).toMatchObject({
      roleSessionName: 'sre-aws-core-mcp',
      endpoints: {},
      retry: { mode: 'standard', modeFromEnv: false, maxAttempts: 4, baseDelayMs: undefined },
      deprecated: [],
    });
  });

  it('reads an empty AWS_REGION, AWS_PROFILE or file path as unset, as compose writes them and the SDK reads them', () => {
    const config = parseAwsCoreConfig({
      AWS_REGION: '',
      AWS_DEFAULT_REGION: ' ',
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: '',
      AWS_SHARED_CREDENTIALS_FILE: '',
      KUBECONFIG: '',
      KUBE_CONTEXT: '',
    });
    expect(config).toMatchObject({ region: undefined, profile: undefined, kubeContext: undefined });
    expect(config.aws).toMatchObject({
      region: undefined,
      configFile: undefined,
      credentialsFile: undefined,
    });
    expect(() => parseAwsCoreConfig({ AWS_REGION: 'mars' })).toThrow(
      /AWS_REGION: expected a region like us-east-1/,
    );
  });

  it('reads SRE_LOGS_MAX_SCAN_GB (default 10) and refuses what is not a whole number of GB', () => {
    expect(parseAwsCoreConfig({}).logsMaxScanGb).toBe(10);
    expect(parseAwsCoreConfig({ SRE_LOGS_MAX_SCAN_GB: '250' }).logsMaxScanGb).toBe(250);
    expect(() => parseAwsCoreConfig({ SRE_LOGS_MAX_SCAN_GB: '0.5' })).toThrow(/SRE_LOGS_MAX_SCAN_GB/);
    expect(() => parseAwsCoreConfig({ SRE_LOGS_MAX_SCAN_GB: 'lots' })).toThrow(/SRE_LOGS_MAX_SCAN_GB/);
  });

  it('reads SRE_AWS_ROLES as plain ARNs or objects with an external id', () => {
    const config = parseAwsCoreConfig({
      SRE_AWS_ROLES: JSON.stringify({
        prod: 'arn:aws:iam::111122223333:role/sre-read',
        partner: { role_arn: 'arn:aws:iam::444455556666:role/path/audit', external_id: 'xyz-123' },
      }),
    });
    expect(config.roles).toEqual({
      prod: { roleArn: 'arn:aws:iam::111122223333:role/sre-read', externalId: undefined },
      partner: { roleArn: 'arn:aws:iam::444455556666:role/path/audit', externalId: 'xyz-123' },
    });
  });

  it('lists every problem at once', () => {
    const parse = () =>
      parseAwsCoreConfig({
        AWS_REGION: 'Frankfurt',
        SRE_AWS_ROLES: '{"prod": "arn:aws:iam::1:user/bob"}',
        SRE_AWS_MAX_ATTEMPTS: '0',
        AWS_ENDPOINT_URL_EC2: 'not a url',
      });
    expect(parse).toThrow(ConfigError);
    const message = (() => {
      try {
        parse();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/AWS_REGION: expected a region like us-east-1/);
    expect(message).toMatch(/SRE_AWS_ROLES\.prod: /);
    expect(message).toMatch(/SRE_AWS_MAX_ATTEMPTS: expected an integer from 1 to 10/);
    expect(message).toMatch(/AWS_ENDPOINT_URL_EC2: /);
  });

  it('rejects SRE_AWS_ROLES that is not JSON', () => {
    expect(() => parseAwsCoreConfig({ SRE_AWS_ROLES: '{prod: arn}' })).toThrow(
      /SRE_AWS_ROLES: not valid JSON/,
    );
  });

  it('applies AWS_ENDPOINT_URL to every service unless a per-service override says otherwise', () => {
    const config = parseAwsCoreConfig({
      AWS_ENDPOINT_URL: 'http://localhost:4566',
      AWS_ENDPOINT_URL_S3: 'http://localhost:9000',
    });
    const byService = Object.fromEntries(
      ['STS', 'EC2', 'S3', 'RDS', 'IAM', 'EKS', 'CLOUDWATCH_LOGS'].map((id) => [
        id,
        endpointFor(config.aws, id),
      ]),
    );
    expect(byService).toEqual({
      STS: 'http://localhost:4566',
      EC2: 'http://localhost:4566',
      S3: 'http://localhost:9000',
      RDS: 'http://localhost:4566',
      IAM: 'http://localhost:4566',
      EKS: 'http://localhost:4566',
      CLOUDWATCH_LOGS: 'http://localhost:4566',
    });
  });
});

describe('deprecated variables', () => {
  it('still honours SRE_AWS_MAX_ATTEMPTS, records it as deprecated, and lets AWS_MAX_ATTEMPTS win', () => {
    const old = parseAwsCoreConfig({ SRE_AWS_MAX_ATTEMPTS: '6' }).aws;
    expect(old.retry.maxAttempts).toBe(6);
    expect(old.deprecated).toEqual([{ name: 'SRE_AWS_MAX_ATTEMPTS', replacement: 'AWS_MAX_ATTEMPTS' }]);
    expect(
      parseAwsCoreConfig({ SRE_AWS_MAX_ATTEMPTS: '6', AWS_MAX_ATTEMPTS: '2' }).aws.retry.maxAttempts,
    ).toBe(2);
  });

  it('checks any AWS_ENDPOINT_URL_<SERVICE> override, also those of services added later', () => {
    expect(() => parseAwsCoreConfig({ AWS_ENDPOINT_URL_CLOUDWATCH: 'not a url' })).toThrow(
      /AWS_ENDPOINT_URL_CLOUDWATCH: expected an http\(s\) URL/,
    );
  });
});

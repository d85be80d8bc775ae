/**
 * Every boolean environment variable of every package keeps one contract: unset or empty means
 * the default (compose and Helm write `VAR=` for "not set"), only an explicit word changes it,
 * and anything else is a config error naming the accepted words. The variables are found by
 * walking each package's env schema, so a flag added later is covered without touching this file.
 */

import { awsCoreEnvSchema } from '@sre-agent/aws-core';
import { costEnvSchema } from '@sre-agent/aws-cost';
import { k8sEnvSchema } from '@sre-agent/k8s';
import { configEnvSchema } from '@sre-agent/orchestrator';
import { serverEnvSchema } from '@sre-agent/shared';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { startK8sHarness } from './k8s-harness.ts';

type FieldSchema = z.ZodType<unknown, string | undefined>;

const packages: Record<string, Record<string, FieldSchema>> = {
  shared: serverEnvSchema.shape,
  k8s: k8sEnvSchema.shape,
  'aws-cost': costEnvSchema.shape,
  'aws-core': awsCoreEnvSchema.shape,
  orchestrator: configEnvSchema.shape,
};

/** A field is a flag when "true" parses to a boolean, however it was written. */
function booleanFields(): [string, FieldSchema][] {
  return Object.entries(packages).flatMap(([pkg, shape]) =>
    Object.entries(shape)
      .filter(([, schema]) => typeof schema.safeParse('true').data === 'boolean')
      .map(([name, schema]): [string, FieldSchema] => [`${pkg} ${name}`, schema]),
  );
}

const flags = booleanFields();

describe('boolean environment variables', () => {
  it('finds the flags (the walk itself works)', () => {
    expect(flags.map(([name]) => name)).toEqual(
      expect.arrayContaining(['shared SRE_ALLOW_WRITES', 'shared SRE_CONFIRM_WRITES']),
    );
  });

  it.each(flags)('%s: empty or blank means the default, as unset does', (_name, schema) => {
    const fallback = schema.parse(undefined);
    expect(typeof fallback).toBe('boolean');
    expect(schema.parse('')).toBe(fallback);
    expect(schema.parse('  ')).toBe(fallback);
  });

  it.each(flags)('%s: only an explicit word turns it off or on, in any case', (_name, schema) => {
    for (const word of ['false', 'FALSE', '0', 'no', 'No', ' off ']) expect(schema.parse(word)).toBe(false);
    for (const word of ['true', 'TRUE', '1', 'yes', 'YES', 'on']) expect(schema.parse(word)).toBe(true);
  });

  it.each(flags)('%s: anything else is an error naming the accepted words', (_name, schema) => {
    for (const word of ['maybe', 'ture', '2', 'disabled']) {
      const result = schema.safeParse(word);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/true\/1\/yes.*false\/0\/no/);
    }
  });
});

describe('SRE_CONFIRM_WRITES= (empty, as compose and Helm write it) on the real k8s server', () => {
  it('still asks a human before a write, and a "no" leaves the cluster unchanged', async () => {
    const harness = await startK8sHarness({
      env: { SRE_ALLOW_WRITES: 'true', SRE_CONFIRM_WRITES: '' },
      elicit: () => ({ action: 'decline' }),
    });
    try {
      const { text } = await harness.call('scale_deployment', {
        namespace: 'payments',
        deployment_name: 'checkout',
        replicas: 0,
      });
      expect(harness.elicitations).toHaveLength(1);
      expect(text).toMatch(/declined|not changed|not scaled/i);
      expect(harness.api.requests.some((request) => request.method === 'PATCH')).toBe(false);
    } finally {
      await harness.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { buildFilter, describeFilter, groupLabel, parseGroupBy } from './filters.js';

describe('buildFilter', () => {
  it('sends nothing when there is nothing to filter', () => {
    expect(buildFilter({})).toBeUndefined();
  });

  it('leaves a single clause unwrapped (the API wants two or more operands under And)', () => {
    expect(buildFilter({ exclude_services: ['Tax'] })).toEqual({
      Not: { Dimensions: { Key: 'SERVICE', Values: ['Tax'] } },
    });
  });

  it('ORs values of one tag key, ANDs keys, and maps "key=" to ABSENT', () => {
    expect(
      buildFilter({ include_tags: ['team=payments', 'team=', 'env=prod'], include_regions: ['us-east-1'] }),
    ).toEqual({
      And: [
        { Dimensions: { Key: 'REGION', Values: ['us-east-1'] } },
        {
          Or: [
            { Tags: { Key: 'team', Values: ['payments'] } },
            { Tags: { Key: 'team', MatchOptions: ['ABSENT'] } },
          ],
        },
        { Tags: { Key: 'env', Values: ['prod'] } },
      ],
    });
  });

  it('describes the filter for the result header', () => {
    expect(describeFilter({ include_accounts: ['111111111111'], exclude_tags: ['env=dev'] })).toBe(
      'Filter: accounts: 111111111111; excluding tags: env=dev',
    );
  });
});

describe('group keys', () => {
  it('parses group_by items and labels the keys the API returns', () => {
    const tag = parseGroupBy('tag:team');
    expect(tag).toEqual({ Type: 'TAG', Key: 'team' });
    expect(groupLabel(tag, 'team$payments')).toBe('payments');
    expect(groupLabel(tag, 'team$')).toBe('(no team tag)');
    const category = parseGroupBy('cost_category:BusinessUnit');
    expect(groupLabel(category, 'BusinessUnit$')).toBe('(not in BusinessUnit)');
    const account = parseGroupBy('LINKED_ACCOUNT');
    expect(groupLabel(account, '111111111111', { '111111111111': 'payments-prod' })).toBe(
      '111111111111 (payments-prod)',
    );
  });
});

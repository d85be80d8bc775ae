import { describe, expect, it } from 'vitest';
import { selectorToString } from './label-selector.js';

describe('selectorToString', () => {
  it('joins matchLabels and every matchExpressions operator as the API parses them', () => {
    expect(
      selectorToString({
        matchLabels: { app: 'checkout' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['web', 'api'] },
          { key: 'track', operator: 'NotIn', values: ['canary'] },
          { key: 'team', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=checkout,tier in (web,api),track notin (canary),team,!legacy');
  });

  it('is undefined for a missing or empty selector, which would otherwise list every pod', () => {
    expect(selectorToString(undefined)).toBeUndefined();
    expect(selectorToString({})).toBeUndefined();
  });
});

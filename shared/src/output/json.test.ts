import { describe, expect, it } from 'vitest';
import { byteLength } from './budget.js';
import { renderJsonWithinBudget } from './json.js';

describe('renderJsonWithinBudget', () => {
  it('keeps the longest prefix of a list that fits, and the result still parses', () => {
    const items = Array.from({ length: 1_000 }, (_, index) => ({ name: `pod-${index}`, phase: 'Running' }));
    const fitted = renderJsonWithinBudget(items, 2_048);
    const parsed = JSON.parse(fitted.text) as unknown[];
    expect(byteLength(fitted.text)).toBeLessThanOrEqual(2_048);
    expect(parsed.length + fitted.omitted).toBe(1_000);
    expect(parsed[0]).toEqual({ name: 'pod-0', phase: 'Running' });
  });

  it('returns small values whole', () => {
    expect(renderJsonWithinBudget({ a: 1 }, 100)).toEqual({ text: '{\n "a": 1\n}', omitted: 0 });
  });
});

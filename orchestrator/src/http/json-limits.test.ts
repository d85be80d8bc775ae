import { describe, expect, it } from 'vitest';
import { findJsonProblem } from './json-limits.js';

describe('findJsonProblem', () => {
  it('names the first lone surrogate with its code unit and position, in values and keys', () => {
    expect(findJsonProblem({ a: ['ok 👍', { b: 'cut \ud83d' }] })).toEqual({
      path: ['a', 1, 'b'],
      msg: 'the text holds a lone UTF-16 surrogate (\\uD83D at position 4), which is not Unicode text (a cut emoji leaves one); send well-formed text',
      type: 'string_unicode',
    });
    expect(findJsonProblem({ '\udc00x': 1 })?.path).toEqual(['\udc00x']);
  });

  it('stops at the depth limit without walking further, and passes what is within it', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(findJsonProblem(deep)).toMatchObject({ type: 'too_deep', path: new Array(32).fill(0) });
    let within: unknown = 'leaf \ud83d\ude00';
    for (let level = 0; level < 32; level++) within = { k: within };
    expect(findJsonProblem(within)).toBeUndefined();
  });
});

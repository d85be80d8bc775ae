import { describe, expect, it } from 'vitest';
import { truncateCodePoints } from './cut-text.js';

const emoji = '\u{1F525}'; // two UTF-16 code units

describe('truncateCodePoints', () => {
  it('leaves short text alone and marks a cut', () => {
    expect(truncateCodePoints('abc', 3, '…')).toBe('abc');
    expect(truncateCodePoints('abcdef', 3, '…')).toBe('abc…');
  });

  it('never splits a surrogate pair: an emoji straddling the limit is left out whole', () => {
    const text = `ab${emoji}cd`;
    const cut = truncateCodePoints(text, 3, '…');
    expect(cut).toBe('ab…');
    expect(cut.isWellFormed()).toBe(true);
    expect(truncateCodePoints(text, 4)).toBe(`ab${emoji}`);
  });

  it('repairs lone surrogates already in the text, cut or not', () => {
    expect(truncateCodePoints('a\ud83db', 10)).toBe('a\ufffdb');
    expect(truncateCodePoints('a\udc00bcdef', 3).isWellFormed()).toBe(true);
  });

  it('treats a zero or negative limit as "nothing but the marker"', () => {
    expect(truncateCodePoints(`${emoji}x`, 0, '…')).toBe('…');
    expect(truncateCodePoints(`${emoji}x`, 1, '…')).toBe('…');
  });
});

import { describe, expect, it } from 'vitest';
import { byteLength, fitToBudget, sliceToBytes } from './budget.js';
import { fenceUntrusted } from './fence.js';

describe('fitToBudget', () => {
  it('returns text that fits unchanged', () => {
    expect(fitToBudget('a\nb', 100, 'more')).toEqual({ text: 'a\nb', truncated: false });
  });

  it('cuts on line boundaries, stays within the budget and says how to get the rest', () => {
    const text = Array.from({ length: 500 }, (_, index) => `line ${index} ${'x'.repeat(40)}`).join('\n');
    const fitted = fitToBudget(text, 4_096, 'Use limit and continue.');
    expect(fitted.truncated).toBe(true);
    expect(byteLength(fitted.text)).toBeLessThanOrEqual(4_096);
    expect(fitted.text).toMatch(
      /\[truncated: \d+ more line\(s\) not shown, output budget 4096 bytes\. Use limit and continue\.\]$/,
    );
    const kept = fitted.text.split('\n').slice(0, -1);
    expect(kept.every((line) => /^line \d+ x{40}$/.test(line))).toBe(true);
  });

  it('cuts a single enormous line by bytes rather than returning nothing', () => {
    const fitted = fitToBudget('é'.repeat(10_000), 2_000, 'narrow it');
    expect(fitted.truncated).toBe(true);
    expect(byteLength(fitted.text)).toBeLessThanOrEqual(2_000);
    expect(fitted.text.startsWith('éé')).toBe(true);
  });
});

describe('sliceToBytes', () => {
  it('never splits a multi-byte character', () => {
    expect(sliceToBytes('aé', 2)).toBe('a');
    expect(sliceToBytes('aé', 3)).toBe('aé');
    // An emoji is 4 bytes: a cut anywhere inside leaves it out whole, and a real U+FFFD before it stays.
    for (const limit of [2, 3, 4]) expect(sliceToBytes('\ufffd\u{1F525}', limit + 1)).toBe('\ufffd');
    expect(sliceToBytes('\ufffd\u{1F525}', 7)).toBe('\ufffd\u{1F525}');
    expect(sliceToBytes('a\ufffdb', 4)).toBe('a\ufffd');
  });
});

describe('fitToBudget and untrusted fences', () => {
  it('closes a fence the cut left open, before the notice', () => {
    const fenced = fenceUntrusted(
      'logs',
      Array.from({ length: 400 }, (_, index) => `log line ${index}`).join('\n'),
    );
    const id = /id="([0-9a-f]+)"/.exec(fenced)?.[1];
    const fitted = fitToBudget(`Pod logs:\n${fenced}`, 2_048, 'Use tail_lines.');
    const lines = fitted.text.split('\n');
    expect(byteLength(fitted.text)).toBeLessThanOrEqual(2_048);
    expect(lines.at(-2)).toBe(`</untrusted-data id="${id}">`);
    const shown = lines.filter((line) => line.startsWith('log line ')).length;
    expect(lines.at(-1)).toMatch(new RegExp(`^\\[truncated: ${400 - shown} more line\\(s\\) not shown`));
  });
});

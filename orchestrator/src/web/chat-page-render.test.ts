import { describe, expect, it } from 'vitest';
import { chatPageRender } from './chat-page-render.js';

// The page's code is a string run by the browser; its pure helper is taken out and run here.
function pageFunction<T>(name: string): T {
  const source = new RegExp(`function ${name}\\([^)]*\\) \\{[\\s\\S]*?\\n\\}`).exec(chatPageRender)?.[0];
  if (!source) throw new Error(`no function ${name} in the page code`);
  return new Function(`${source}; return ${name};`)() as T;
}

describe('the chat page code', () => {
  it('parses as JavaScript', () => {
    expect(() => new Function(chatPageRender)).not.toThrow();
  });

  it('shortens text between code points, never through an emoji', () => {
    const short = pageFunction<(value: unknown, max: number) => string>('short');
    expect(short('abcdef', 4)).toBe('abc\u2026');
    expect(short('ab\u{1F525}cd', 4)).toBe('ab\u2026');
    expect(short({ replicas: 5 }, 40)).toBe('{"replicas":5}');
  });
});

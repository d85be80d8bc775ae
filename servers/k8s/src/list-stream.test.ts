import { describe, expect, it } from 'vitest';
import { createListScanner, readListStream } from './list-stream.js';

const list = {
  kind: 'PodList',
  apiVersion: 'v1',
  metadata: { resourceVersion: '7', continue: 'eyJ9"x\\y', remainingItemCount: 3 },
  items: [
    { metadata: { name: 'a', annotations: { note: 'braces } ] { [ and "quotes" and \\ and "items":[' } } },
    { metadata: { name: 'b', labels: { 'app.kubernetes.io/name': 'ünïcode ✓' } }, spec: { containers: [] } },
    { metadata: { name: 'c' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
  ],
};

function scan(chunks: string[]) {
  const items: unknown[] = [];
  const scanner = createListScanner((item) => items.push(item));
  for (const chunk of chunks) scanner.push(chunk);
  return { items, rest: scanner.end() };
}

describe('list stream', () => {
  it('hands over every item parsed on its own, and the rest of the list without them', () => {
    const text = JSON.stringify(list, null, 1);
    const { items, rest } = scan([text]);
    expect(items).toEqual(list.items);
    expect(rest).toEqual({ ...list, items: [] });
  });

  it('gives the same answer however the text is cut into chunks', () => {
    const text = JSON.stringify(list);
    for (let size = 1; size < 40; size += 3) {
      const chunks: string[] = [];
      for (let at = 0; at < text.length; at += size) chunks.push(text.slice(at, at + size));
      const { items, rest } = scan(chunks);
      expect(items).toEqual(list.items);
      expect(rest.metadata).toEqual(list.metadata);
    }
  });

  it('reads metadata that comes after the items, an empty list and a null one', () => {
    const after = scan([JSON.stringify({ items: [{ a: 1 }], metadata: { continue: 'next' } })]);
    expect(after.items).toEqual([{ a: 1 }]);
    expect(after.rest).toEqual({ items: [], metadata: { continue: 'next' } });
    expect(scan(['{"kind":"PodList","items":[]}']).items).toEqual([]);
    expect(scan(['{"kind":"PodList","items":null}']).rest).toEqual({ kind: 'PodList', items: null });
  });

  it('decodes bytes split inside a multi-byte character', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(list));
    async function* body() {
      for (let at = 0; at < bytes.length; at += 5) yield bytes.subarray(at, at + 5);
    }
    const items: unknown[] = [];
    const rest = await readListStream(body(), (item) => items.push(item));
    expect(items).toEqual(list.items);
    expect(rest.metadata).toEqual(list.metadata);
  });

  it('fails on a body that is not JSON, as JSON.parse of the whole page would', () => {
    expect(() => scan(['{"items":[{"a":1}], oops'])).toThrow(SyntaxError);
  });
});

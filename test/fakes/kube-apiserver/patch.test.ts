import { describe, expect, it } from 'vitest';
import { applyPatch, jsonPatch, mergePatch, strategicMergePatch } from './patch.ts';
import { KubeError } from './status.ts';

const doc = () => ({
  spec: {
    replicas: 1,
    containers: [
      { name: 'a', image: 'a:1' },
      { name: 'b', image: 'b:1' },
    ],
  },
  metadata: { labels: { x: '1' } },
});

describe('patches', () => {
  it('merge patch replaces lists and deletes on null', () => {
    const out = mergePatch(doc(), {
      spec: { containers: [{ name: 'a', image: 'a:2' }] },
      metadata: { labels: { x: null } },
    });
    expect(out).toEqual({
      spec: { replicas: 1, containers: [{ name: 'a', image: 'a:2' }] },
      metadata: { labels: {} },
    });
  });

  it('strategic merge patch merges named lists by name', () => {
    const out = strategicMergePatch(doc(), {
      spec: { containers: [{ name: 'b', image: 'b:2' }] },
    }) as ReturnType<typeof doc>;
    expect(out.spec.containers).toEqual([
      { name: 'a', image: 'a:1' },
      { name: 'b', image: 'b:2' },
    ]);
  });

  it('JSON patch applies ops in order on a copy and fails atomically', () => {
    const original = doc();
    const out = jsonPatch(original, [
      { op: 'test', path: '/spec/replicas', value: 1 },
      { op: 'replace', path: '/spec/replicas', value: 4 },
      { op: 'add', path: '/spec/containers/-', value: { name: 'c' } },
      { op: 'remove', path: '/metadata/labels/x' },
    ]) as ReturnType<typeof doc>;
    expect(out.spec.replicas).toBe(4);
    expect(out.spec.containers).toHaveLength(3);
    expect(original.spec.replicas).toBe(1);
    expect(() => jsonPatch(original, [{ op: 'replace', path: '/spec/nope/x', value: 1 }])).toThrow(KubeError);
    // As a real API server: a failed `test` gets the generic 422, with no hint of the cause.
    expect(() => jsonPatch(original, [{ op: 'test', path: '/spec/replicas', value: 2 }])).toThrow(
      'the server rejected our request due to an error in our request',
    );
  });

  it('answers unknown content types with 415', () => {
    try {
      applyPatch(doc(), {}, 'application/json');
      expect.unreachable();
    } catch (err) {
      expect((err as KubeError).status.code).toBe(415);
    }
  });
});

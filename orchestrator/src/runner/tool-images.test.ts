import { describe, expect, it } from 'vitest';
import { outcomeFromResult } from '../mcp/tool-outcome.js';
import { artifactFilename, keepImages } from './tool-images.js';

const key = { appName: 'sre_agent', userId: 'u', sessionId: 's' };
const call = { id: 'adk-1', name: 'aws_cost__get_cost_trend', args: {} };
const result = outcomeFromResult({
  content: [
    { type: 'text', text: 'Monthly cost trend' },
    { type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
    { type: 'image', mimeType: 'image/jpeg', data: '/9j/4AAQ' },
  ],
});

describe('keepImages', () => {
  it('saves each image as an artifact, names it in the text and reports the versions', async () => {
    const saved: Array<{ filename: string; mimeType: string }> = [];
    const artifacts = {
      save: async (_key: typeof key, filename: string, image: { mimeType: string }) => {
        saved.push({ filename, mimeType: image.mimeType });
        return saved.length - 1;
      },
    };
    const kept = await keepImages(call, result, { key, artifacts });
    expect(saved).toEqual([
      { filename: 'aws_cost__get_cost_trend_adk-1.png', mimeType: 'image/png' },
      { filename: 'aws_cost__get_cost_trend_adk-1_1.jpg', mimeType: 'image/jpeg' },
    ]);
    expect(kept.artifactDelta).toEqual({
      'aws_cost__get_cost_trend_adk-1.png': 0,
      'aws_cost__get_cost_trend_adk-1_1.jpg': 1,
    });
    expect(kept.outcome.text).toContain('saved as artifact aws_cost__get_cost_trend_adk-1.png and shown');
    expect(kept.outcome.text).not.toContain('omitted');
    // The bytes stay out of what the model reads.
    expect(kept.outcome.text).not.toContain('iVBORw0KGgo');
  });

  it('keeps the placeholder when there is no artifact store, and says so when a save fails', async () => {
    expect((await keepImages(call, result, undefined)).outcome.text).toContain('[image image/png omitted]');
    const failing = { save: async () => Promise.reject(new Error('disk full')) };
    const kept = await keepImages(call, result, { key, artifacts: failing });
    expect(kept.artifactDelta).toEqual({});
    expect(kept.outcome.text).toContain('[image image/png omitted: it could not be saved]');
  });

  it('makes filenames safe in a URL path whatever the call id', () => {
    const odd = { id: 'toolu_01/../x y', name: 'k8s__top', args: {} };
    expect(artifactFilename(odd, 0, { mimeType: 'image/svg+xml' })).toBe('k8s__top_toolu_01_.._x_y.bin');
  });
});

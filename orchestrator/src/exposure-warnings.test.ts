import { describe, expect, it } from 'vitest';
import { exposureWarnings } from './exposure-warnings.js';

describe('exposureWarnings', () => {
  const open = { apiToken: undefined, corsOrigins: [] };

  it('warns when listening beyond loopback, or taking any origin, without a token', () => {
    expect(exposureWarnings({ ...open, host: '127.0.0.1' })).toEqual([]);
    expect(exposureWarnings({ ...open, host: '::1' })).toEqual([]);
    const exposed = exposureWarnings({ ...open, host: '0.0.0.0' });
    expect(exposed.map((warning) => warning.message)).toEqual([
      expect.stringContaining('listening beyond this machine without SRE_API_TOKEN'),
    ]);
    expect(exposed[0]?.fields).toMatchObject({
      host: '0.0.0.0',
      remedy: expect.stringContaining('SRE_API_TOKEN'),
    });
    const anyOrigin = exposureWarnings({ ...open, host: 'localhost', corsOrigins: ['*'] });
    expect(anyOrigin.map((warning) => warning.message)).toEqual([
      expect.stringContaining('SRE_CORS_ORIGINS=* without SRE_API_TOKEN'),
    ]);
  });

  it('says nothing once a token is set', () => {
    expect(
      exposureWarnings({ host: '0.0.0.0', apiToken: 'a-long-enough-token', corsOrigins: ['*'] }),
    ).toEqual([]);
  });
});

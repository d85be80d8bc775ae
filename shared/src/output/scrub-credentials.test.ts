import { describe, expect, it } from 'vitest';
import { scrubCredentials, scrubErrorCredentials } from './scrub-credentials.js';

describe('scrubCredentials', () => {
  it('cuts quoted signing details and masks session tokens and key ids', () => {
    const text =
      'The request signature we calculated does not match. AKIAIOSFODNN7EXAMPLE was used. ' +
      'The Canonical String for this request should have been\nPOST\n/\nx-amz-security-token:FQoGZXIvYXdzE...';
    expect(scrubCredentials(text)).toBe(
      'The request signature we calculated does not match. <access key id> was used. (signing details omitted)',
    );
    expect(scrubCredentials('x-amz-security-token=abc123&x=1')).toBe('x-amz-security-token=<redacted>&x=1');
  });

  it('keeps a clean error as it is and copies a dirty one without the secret', () => {
    const clean = new Error('AccessDenied');
    expect(scrubErrorCredentials(clean)).toBe(clean);
    const dirty = scrubErrorCredentials(new Error('key ASIAABCDEFGHIJKLMNOP expired'));
    expect(dirty.message).toBe('key <access key id> expired');
    expect(dirty.stack).not.toContain('ASIA');
  });
});

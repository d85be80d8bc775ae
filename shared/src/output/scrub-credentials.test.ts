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

  it('masks a labelled secret key, a session token by label or shape, and a password in a URL', () => {
    const text =
      'Signature mismatch. SecretAccessKey Canary/Secret+Key7Q2x9K4zW8mN3pL6vB1cR5t, ' +
      'X-Amz-Security-Token IQoJb3JpZ2luX2VjECanaryToken; aws_secret_access_key=wJalrXUtnFEMIK7MDENG ' +
      'session token: FwoGZXIvYXdzEabc see https://deploy:Pw7Q2x9@internal.example.com/help';
    expect(scrubCredentials(text)).toBe(
      'Signature mismatch. SecretAccessKey <redacted>, X-Amz-Security-Token <session token>; ' +
        'aws_secret_access_key=<redacted> session token: <session token> see https://deploy:<redacted>@internal.example.com/help',
    );
    // Ordinary error text is left alone.
    for (const plain of [
      'User: arn:aws:iam::123456789012:user/x is not authorized to perform: ce:GetCostAndUsage',
      'The security token included in the request is invalid.',
      'password authentication failed for user "ledger"',
    ])
      expect(scrubCredentials(plain)).toBe(plain);
  });

  it('keeps a clean error as it is and copies a dirty one without the secret', () => {
    const clean = new Error('AccessDenied');
    expect(scrubErrorCredentials(clean)).toBe(clean);
    const dirty = scrubErrorCredentials(new Error('key ASIAABCDEFGHIJKLMNOP expired'));
    expect(dirty.message).toBe('key <access key id> expired');
    expect(dirty.stack).not.toContain('ASIA');
  });
});

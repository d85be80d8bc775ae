// What both wire-protocol test files of the fake share: one fake per file, back at its starting
// state before each test, real SDK clients aimed at it, and a way to catch the error a call throws.
import { EC2Client } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type AwsFake, startAwsFake } from './aws-fake.ts';

export function useAwsFake() {
  let started: AwsFake | undefined;
  beforeAll(async () => {
    started = await startAwsFake();
  });
  afterAll(() => started?.close());
  beforeEach(() => started?.reset());
  const fake = () => {
    if (!started) throw new Error('useAwsFake: the fake starts in beforeAll');
    return started;
  };
  return {
    get fake(): AwsFake {
      return fake();
    },
    sts: (region = 'us-east-1') => new STSClient(fake().clientConfig(region)),
    ec2: (region = 'us-east-1') => new EC2Client(fake().clientConfig(region)),
  };
}

export async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}

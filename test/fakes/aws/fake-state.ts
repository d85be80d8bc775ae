// Mutable state of one AWS fake: who the callers are (static keys and credentials issued by
// AssumeRole), which roles can be assumed, injected failures, and per-operation counters.
import { randomBytes } from 'node:crypto';
import { type ErrorKind, errorForKind } from './errors.ts';
import { ACCOUNT_ID, type AwsFixtures, createFixtures } from './fixtures.ts';
import type { AwsError, AwsService } from './protocol.ts';

export interface Principal {
  arn: string;
  userId: string;
  account: string;
}

export interface IssuedCredentials {
  principal: Principal;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface TrustedRole {
  /** When set, AssumeRole must carry this ExternalId or it is refused, as a real trust policy would. */
  externalId?: string;
}

export interface InjectedFailure {
  service: AwsService;
  operation: string;
  /** A named error class rendered the way this service really reports it. */
  kind?: ErrorKind;
  /** Or an explicit error (overrides fields of `kind`), e.g. `{ status: 429 }` for throttling as 429. */
  error?: Partial<AwsError>;
  /** Only for requests signed for this region. */
  region?: string;
  /** How many matching requests fail; default: every one until `clearFailures()`. */
  times?: number;
}

export interface RecordedRequest {
  service: AwsService;
  operation: string;
  region: string;
  accessKeyId: string;
  params: Record<string, string>;
}

export const STATIC_CREDENTIALS = {
  accessKeyId: 'AKIAFAKESTATIC000001',
  secretAccessKey: 'fake-secret-access-key-for-tests-only',
};

const randomId = (prefix: string, length: number) =>
  (prefix + randomBytes(length).toString('hex').toUpperCase()).slice(0, length);

export interface PageSizes {
  ec2: number;
  rds: number;
  eks: number;
  s3: number;
}

/** Injected failures: the next matching requests fail with a given error class. */
function createFailures() {
  let failures: (InjectedFailure & { remaining: number })[] = [];
  return {
    fail(failure: InjectedFailure) {
      failures.push({ ...failure, remaining: failure.times ?? Number.POSITIVE_INFINITY });
    },
    clearFailures() {
      failures = [];
    },
    /** Consumes one matching injected failure, if any. */
    takeFailure(
      service: AwsService,
      operation: string,
      region: string,
      principal: string,
    ): AwsError | undefined {
      const match = failures.find(
        (f) =>
          f.service === service &&
          f.operation === operation &&
          (f.region === undefined || f.region === region) &&
          f.remaining > 0,
      );
      if (!match) return undefined;
      match.remaining -= 1;
      const base = match.kind
        ? errorForKind(match.kind, service, operation, principal)
        : { code: 'InternalFailure', status: 500, message: 'Injected failure' };
      return { ...base, ...match.error };
    },
  };
}

/** Every request the fake understood, and how many of each operation. */
function createRequestLog() {
  const counts = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  return {
    requests,
    record(request: RecordedRequest) {
      requests.push(request);
      const key = `${request.service}:${request.operation}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    count(service: AwsService, operation: string): number {
      return counts.get(`${service}:${operation}`) ?? 0;
    },
    resetCounters() {
      counts.clear();
      requests.length = 0;
    },
  };
}

export function createFakeState() {
  const principals = new Map<string, Principal>([
    [
      STATIC_CREDENTIALS.accessKeyId,
      { arn: `arn:aws:iam::${ACCOUNT_ID}:user/sre-bot`, userId: 'AIDAFAKEUSERID000001', account: ACCOUNT_ID },
    ],
  ]);
  const issued = new Map<string, IssuedCredentials>();
  const roles = new Map<string, TrustedRole>([
    [`arn:aws:iam::${ACCOUNT_ID}:role/sre-readonly`, {}],
    ['arn:aws:iam::210987654321:role/sre-readonly', { externalId: 'acme-ext-7' }],
  ]);
  // Real pages are much larger (EC2 1000, RDS 100); small caps let modest fixtures span pages.
  const pageSizes: PageSizes = { ec2: 10, rds: 100, eks: 100, s3: 10_000 };
  const options = {
    assumeRoleDurationSeconds: undefined as number | undefined,
    /** Behave like S3-compatible stores that never send BucketRegion in ListBuckets. */
    s3OmitBucketRegion: false,
  };
  return {
    fixtures: createFixtures() as AwsFixtures,
    roles,
    pageSizes,
    options,
    principals,
    issued,
    ...createRequestLog(),
    ...createFailures(),
    issue(principal: Principal, durationSeconds: number): { accessKeyId: string } & IssuedCredentials {
      const accessKeyId = randomId('ASIA', 20);
      const credentials: IssuedCredentials = {
        principal,
        secretAccessKey: randomBytes(20).toString('base64'),
        sessionToken: randomBytes(48).toString('base64'),
        expiration: new Date(Date.now() + durationSeconds * 1000),
      };
      issued.set(accessKeyId, credentials);
      return { accessKeyId, ...credentials };
    },
  };
}

export type FakeState = ReturnType<typeof createFakeState>;

// One HTTP server on 127.0.0.1 that answers as STS, EC2, S3, RDS, IAM, EKS, CloudWatch Logs,
// CloudTrail, Health, CloudWatch and ELBv2. The service and
// region come from each request's SigV4 credential scope, so every SDK client can share one URL.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWireFaults, type RenderedError } from '../wire-faults.ts';
import { cloudTrailFake } from './cloudtrail.ts';
import { cloudWatchFake } from './cloudwatch.ts';
import { ec2Fake } from './ec2.ts';
import { eksFake } from './eks.ts';
import { elbv2Fake } from './elbv2.ts';
import { emptyAccountFixtures } from './empty-account.ts';
import { errorForKind, expiredToken, invalidToken, unknownRegion } from './errors.ts';
import { createFakeState, type FakeState, type Principal, STATIC_CREDENTIALS } from './fake-state.ts';
import { createFixtures } from './fixtures.ts';
import { healthFake } from './health.ts';
import { iamFake } from './iam.ts';
import { logsFake } from './logs.ts';
import {
  AWS_SERVICES,
  type AwsError,
  type AwsService,
  errorResponse,
  type FakeResponse,
  JSON_1_1_TARGETS,
  jsonTarget,
  newRequestId,
  parseCredentialScope,
  queryErrorResponse,
} from './protocol.ts';
import { rdsFake } from './rds.ts';
import { s3Fake } from './s3.ts';
import type { ServiceFake, ServiceRequest } from './service-request.ts';
import { stsFake } from './sts.ts';

export type { ErrorKind } from './errors.ts';
export type { InjectedFailure, RecordedRequest, TrustedRole } from './fake-state.ts';
export { STATIC_CREDENTIALS } from './fake-state.ts';
export { ACCOUNT_ID } from './fixtures.ts';
export type { AwsService } from './protocol.ts';

const FAKES: Record<AwsService, ServiceFake> = {
  sts: stsFake,
  ec2: ec2Fake,
  s3: s3Fake,
  rds: rdsFake,
  iam: iamFake,
  eks: eksFake,
  logs: logsFake,
  cloudtrail: cloudTrailFake,
  health: healthFake,
  monitoring: cloudWatchFake,
  elasticloadbalancing: elbv2Fake,
};
const QUERY_SERVICES = new Set<AwsService>(['sts', 'ec2', 'rds', 'iam', 'elasticloadbalancing']);

/** The SDK's service ids, as used in `AWS_ENDPOINT_URL_<SERVICE>`. */
const ENDPOINT_ENV: Record<AwsService, string> = {
  sts: 'AWS_ENDPOINT_URL_STS',
  ec2: 'AWS_ENDPOINT_URL_EC2',
  s3: 'AWS_ENDPOINT_URL_S3',
  rds: 'AWS_ENDPOINT_URL_RDS',
  iam: 'AWS_ENDPOINT_URL_IAM',
  eks: 'AWS_ENDPOINT_URL_EKS',
  logs: 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
  cloudtrail: 'AWS_ENDPOINT_URL_CLOUDTRAIL',
  health: 'AWS_ENDPOINT_URL_HEALTH',
  monitoring: 'AWS_ENDPOINT_URL_CLOUDWATCH',
  elasticloadbalancing: 'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2',
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function unknownOperation(service: AwsService, requestId: string): FakeResponse {
  if (service === 's3') {
    return errorResponse(
      's3',
      { code: 'NotImplemented', status: 501, message: 'Not implemented by the fake' },
      requestId,
    );
  }
  const code = service === 'eks' || JSON_1_1_TARGETS[service] ? 'UnknownOperationException' : 'InvalidAction';
  return errorResponse(
    service,
    { code, status: 400, message: 'The action is not implemented by the fake' },
    requestId,
  );
}

/** Who signed the request, or the error AWS gives for an unknown, mismatched or expired key. */
function authenticate(
  state: FakeState,
  service: AwsService,
  req: IncomingMessage,
  accessKeyId: string,
): Principal | AwsError {
  const known = state.principals.get(accessKeyId);
  if (known) return known;
  const issued = state.issued.get(accessKeyId);
  if (!issued || req.headers['x-amz-security-token'] !== issued.sessionToken) return invalidToken(service);
  if (issued.expiration.getTime() <= Date.now()) return expiredToken(service);
  return issued.principal;
}

/**
 * IAM is global. Elsewhere a region that does not exist, or an opt-in region the account has not
 * enabled, refuses the call the way AWS does.
 */
function regionRefusal(state: FakeState, service: AwsService, region: string): AwsError | undefined {
  if (service === 'iam') return undefined;
  const known = state.fixtures.regions.find((r) => r.regionName === region);
  if (!known) return unknownRegion(service, region);
  // AWS has not copied the account's IAM identities into a disabled region, so it cannot
  // validate the signature there: the caller sees the same error as for an unknown key.
  if (known.optInStatus === 'not-opted-in') return invalidToken(service);
  return undefined;
}

const MISSING_AUTH = {
  code: 'MissingAuthenticationToken',
  status: 403,
  message: 'Request is missing Authentication Token',
};

/** An awsJson body, and its top-level scalar fields as params (what the request log records). */
function jsonBody(body: string, service: AwsService, req: IncomingMessage) {
  const prefix = `${jsonTarget(service)}.`;
  const header = req.headers['x-amz-target'];
  const target =
    typeof header === 'string' && header.startsWith(prefix) ? header.slice(prefix.length) : undefined;
  let json: Record<string, unknown> = {};
  try {
    const parsed: unknown = body ? JSON.parse(body) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      json = parsed as Record<string, unknown>;
  } catch {
    // Left empty: the operation then refuses the missing fields, as AWS would a malformed body.
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(json)) {
    params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return { target, json, params };
}

/** The signed request decoded, before we know who signed it. */
async function decode(req: IncomingMessage, requestId: string) {
  const body = await readBody(req);
  const scope = parseCredentialScope(req.headers.authorization);
  const service = AWS_SERVICES.find((s) => s === scope?.service);
  if (!scope || !service) return undefined;
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const { region, accessKeyId } = scope;
  const base = { service, region, accessKeyId, method: req.method ?? 'GET', url, requestId };
  if (jsonTarget(service)) return { ...base, ...jsonBody(body, service, req) };
  const params = QUERY_SERVICES.has(service) ? new URLSearchParams(body) : url.searchParams;
  return { ...base, params, target: undefined, json: {} };
}

async function dispatch(state: FakeState, req: IncomingMessage): Promise<FakeResponse> {
  const requestId = newRequestId();
  const partial = await decode(req, requestId);
  if (!partial) return queryErrorResponse(MISSING_AUTH, '', requestId);
  const { service, region, accessKeyId, params } = partial;
  const fake = FAKES[service];
  const operation = fake.operation({ ...partial, principal: { arn: '', userId: '', account: '' } });
  if (!operation) return unknownOperation(service, requestId);
  state.record({ service, operation, region, accessKeyId, params: Object.fromEntries(params) });
  const principal = authenticate(state, service, req, accessKeyId);
  if ('code' in principal) return errorResponse(service, principal, requestId);
  const refused = regionRefusal(state, service, region);
  if (refused) return errorResponse(service, refused, requestId);
  const injected = state.takeFailure(service, operation, region, principal.arn);
  if (injected) return errorResponse(service, injected, requestId);
  const request: ServiceRequest = { ...partial, principal };
  return fake.handle(operation, request, state);
}

function send(res: ServerResponse, response: FakeResponse) {
  res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
  res.end(response.body);
}

export interface AwsFakeOptions {
  /** Overrides the page caps (defaults: EC2 10, RDS 100, EKS 100, S3 10000). */
  pageSizes?: Partial<FakeState['pageSizes']>;
  /** Issue AssumeRole credentials for this long, whatever the caller asked (to test expiry). */
  assumeRoleDurationSeconds?: number;
}

/** A wire-level `status` fault in the error shape of the service the request was signed for. */
function overloaded(status: number, req: IncomingMessage): RenderedError {
  const service =
    AWS_SERVICES.find((s) => s === parseCredentialScope(req.headers.authorization)?.service) ?? 'sts';
  const error = { ...errorForKind(status === 500 ? 'serverError' : 'throttling', service, '', ''), status };
  const response = errorResponse(service, error, newRequestId());
  return { contentType: response.headers['content-type'] ?? 'text/xml', body: response.body };
}

async function listen(state: FakeState) {
  const wire = createWireFaults(overloaded);
  const server = createServer(
    wire.wrap((req, res) => {
      dispatch(state, req).then(
        (response) => send(res, response),
        (error: unknown) => send(res, { status: 500, headers: {}, body: String(error) }),
      );
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    wire,
    close(): Promise<void> {
      wire.clear();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** Environment that points the real SDK (and anything built on it) at the fake. */
function sdkEnv(url: string, region: string): Record<string, string> {
  const endpoints = Object.fromEntries(AWS_SERVICES.map((s) => [ENDPOINT_ENV[s], url]));
  return {
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: STATIC_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: STATIC_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...endpoints,
  };
}

export async function startAwsFake(options: AwsFakeOptions = {}) {
  const state = createFakeState();
  Object.assign(state.pageSizes, options.pageSizes);
  state.options.assumeRoleDurationSeconds = options.assumeRoleDurationSeconds;
  const initial = { pageSizes: { ...state.pageSizes }, options: { ...state.options } };
  const { url, close, wire } = await listen(state);
  return {
    url,
    /** Network and overload faults shared by every fake (../wire-faults.ts). */
    wire,
    state,
    fixtures: state.fixtures,
    roles: state.roles,
    requests: state.requests,
    credentials: STATIC_CREDENTIALS,
    fail: state.fail,
    clearFailures: state.clearFailures,
    count: state.count,
    /** Back to the state at start: counters, requests, failures, fixtures, page sizes and options. */
    reset() {
      state.resetCounters();
      state.clearFailures();
      wire.clear();
      Object.assign(state.fixtures, createFixtures());
      Object.assign(state.pageSizes, initial.pageSizes);
      Object.assign(state.options, initial.options);
    },
    /** Turns the account into a new one with nothing in it, until the next `reset()`. */
    emptyAccount() {
      Object.assign(state.fixtures, emptyAccountFixtures(state.fixtures));
    },
    env: (region = 'us-east-1') => sdkEnv(url, region),
    /** Config for constructing an SDK client directly against this fake. */
    clientConfig(region = 'us-east-1') {
      return { region, endpoint: url, credentials: STATIC_CREDENTIALS, forcePathStyle: true, maxAttempts: 1 };
    },
    close,
  };
}

export type AwsFake = Awaited<ReturnType<typeof startAwsFake>>;

// Wire-level pieces shared by the service fakes: the SigV4 credential scope (which tells us the
// service, region and caller without any routing config), and the three error shapes AWS uses.
import { randomUUID } from 'node:crypto';
import { escapeXml, xmlDocument } from './xml.ts';

export type AwsService =
  | 'sts'
  | 'ec2'
  | 's3'
  | 'rds'
  | 'iam'
  | 'eks'
  | 'logs'
  | 'cloudtrail'
  | 'health'
  | 'monitoring'
  | 'elasticloadbalancing';
export const AWS_SERVICES: readonly AwsService[] = [
  'sts',
  'ec2',
  's3',
  'rds',
  'iam',
  'eks',
  'logs',
  'cloudtrail',
  'health',
  'monitoring',
  'elasticloadbalancing',
];

/**
 * awsJson1_1 services: `POST /` with `X-Amz-Target: <ServiceTarget>.<Operation>` and a JSON body
 * (checked against each client's dist-cjs protocol settings).
 */
export const JSON_1_1_TARGETS: Partial<Record<AwsService, string>> = {
  logs: 'Logs_20140328',
  cloudtrail: 'CloudTrail_20131101',
  health: 'AWSHealth_20160804',
};

/**
 * awsJson1_0 with awsQueryCompatible (CloudWatch, signing name `monitoring`): the same framing as
 * 1.1, and errors that also name the query error code in `x-amzn-query-error`, which the SDK prefers.
 */
export const JSON_1_0_TARGETS: Partial<Record<AwsService, string>> = {
  monitoring: 'GraniteServiceVersion20100801',
};

/** The `X-Amz-Target` prefix of an awsJson service, or undefined for the others. */
export const jsonTarget = (service: AwsService): string | undefined =>
  JSON_1_1_TARGETS[service] ?? JSON_1_0_TARGETS[service];

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface AwsError {
  code: string;
  status: number;
  message: string;
}

export interface CredentialScope {
  accessKeyId: string;
  region: string;
  service: string;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/ec2/aws4_request, SignedHeaders=..., Signature=...` */
export function parseCredentialScope(authorization: string | undefined): CredentialScope | undefined {
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  if (!match) return undefined;
  return { accessKeyId: match[1]!, region: match[2]!, service: match[3]! };
}

export function newRequestId(): string {
  return randomUUID();
}

export function xmlResponse(body: string, requestId: string, status = 200): FakeResponse {
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

export function jsonResponse(body: unknown, requestId: string, status = 200): FakeResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
    body: JSON.stringify(body),
  };
}

/** awsQuery (STS, IAM, RDS): `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
export function queryErrorResponse(error: AwsError, namespace: string, requestId: string): FakeResponse {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const inner =
    `<Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId>`;
  return xmlResponse(xmlDocument('ErrorResponse', namespace, inner), requestId, error.status);
}

/** ec2Query: `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>` (no namespace). */
export function ec2ErrorResponse(error: AwsError, requestId: string): FakeResponse {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>' +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
    `</Error></Errors><RequestID>${requestId}</RequestID></Response>`;
  return xmlResponse(body, requestId, error.status);
}

/** S3 REST/XML: a bare `<Error>` document plus the request id headers S3 always sends. */
export function s3ErrorResponse(error: AwsError, requestId: string): FakeResponse {
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error>' +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
    `<RequestId>${requestId}</RequestId><HostId>${Buffer.from(requestId).toString('base64')}</HostId></Error>`;
  return {
    status: error.status,
    headers: {
      'content-type': 'application/xml',
      'x-amz-request-id': requestId,
      'x-amz-id-2': 'fake-host-id',
    },
    body,
  };
}

/** restJson1 (EKS): the error name travels in `x-amzn-ErrorType`, the body carries `message`. */
export function restJsonErrorResponse(error: AwsError, requestId: string): FakeResponse {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': error.code,
    },
    body: JSON.stringify({ message: error.message }),
  };
}

/**
 * awsJson1_1 error: the bare error name in `__type` (AWS sometimes prefixes it with the namespace
 * and `#`; the SDK strips both) and `x-amzn-ErrorType`, the text in `message`.
 */
export function awsJsonErrorResponse(error: AwsError, requestId: string): FakeResponse {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': error.code,
    },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

/** awsJson1_1 success. */
export function awsJsonResponse(body: unknown, requestId: string): FakeResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
    body: JSON.stringify(body),
  };
}

/** awsJson1_0 success (CloudWatch). */
export function awsJson10Response(body: unknown, requestId: string): FakeResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId },
    body: JSON.stringify(body),
  };
}

/** awsJson1_0 query-compatible error: `__type` plus `x-amzn-query-error: <Code>;<Sender|Receiver>`. */
export function queryCompatJsonErrorResponse(error: AwsError, requestId: string): FakeResponse {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return {
    status: error.status,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': requestId,
      'x-amzn-query-error': `${error.code};${type}`,
    },
    body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${error.code}`, message: error.message }),
  };
}

const QUERY_NAMESPACES: Record<string, string> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  rds: 'http://rds.amazonaws.com/doc/2014-10-31/',
  elasticloadbalancing: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
};

export function queryNamespace(service: AwsService): string {
  return QUERY_NAMESPACES[service] ?? '';
}

/** Renders an error in the shape the given service really uses. */
export function errorResponse(service: AwsService, error: AwsError, requestId: string): FakeResponse {
  if (service === 'ec2') return ec2ErrorResponse(error, requestId);
  if (service === 's3') return s3ErrorResponse(error, requestId);
  if (service === 'eks') return restJsonErrorResponse(error, requestId);
  if (JSON_1_0_TARGETS[service]) return queryCompatJsonErrorResponse(error, requestId);
  if (JSON_1_1_TARGETS[service]) return awsJsonErrorResponse(error, requestId);
  return queryErrorResponse(error, queryNamespace(service), requestId);
}

/** awsQuery success: `<XResponse><XResult>...</XResult><ResponseMetadata><RequestId/></ResponseMetadata></XResponse>`. */
export function queryResponse(service: AwsService, action: string, result: string, requestId: string) {
  const inner =
    `<${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>`;
  return xmlResponse(xmlDocument(`${action}Response`, queryNamespace(service), inner), requestId);
}

/** ec2Query success: members sit directly under `<XResponse>`, next to `<requestId>`. */
export function ec2Response(action: string, inner: string, requestId: string): FakeResponse {
  const body = xmlDocument(
    `${action}Response`,
    'http://ec2.amazonaws.com/doc/2016-11-15/',
    `<requestId>${requestId}</requestId>${inner}`,
  );
  return xmlResponse(body, requestId);
}

// S3 over REST/XML (path-style): ListBuckets (GET /) and GetBucketLocation (GET /{bucket}?location).
import type { FakeState } from './fake-state.ts';
import { type FakeResponse, s3ErrorResponse } from './protocol.ts';
import type { ServiceFake, ServiceRequest } from './service-request.ts';
import { escapeXml, xmlBody, xmlDocument, xmlElement, xmlList } from './xml.ts';

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
const LIST_PARAMS = ['max-buckets', 'continuation-token', 'prefix', 'bucket-region'];

function xml(body: string, request: ServiceRequest): FakeResponse {
  return {
    status: 200,
    headers: {
      'content-type': 'application/xml',
      'x-amz-request-id': request.requestId,
      'x-amz-id-2': 'fake-host-id',
    },
    body,
  };
}

function listBuckets(request: ServiceRequest, state: FakeState): FakeResponse {
  const { params } = request;
  // AWS includes BucketRegion only when the request carries at least one listing parameter.
  const withRegion = LIST_PARAMS.some((p) => params.has(p)) && !state.options.s3OmitBucketRegion;
  const max = Math.min(Number(params.get('max-buckets') ?? '10000'), state.pageSizes.s3);
  const token = params.get('continuation-token');
  const prefix = params.get('prefix') ?? '';
  const region = params.get('bucket-region');
  const all = state.fixtures.s3
    .filter((b) => b.name.startsWith(prefix) && (region === null || b.region === region))
    .sort((a, b) => a.name.localeCompare(b.name));
  const start = token === null ? 0 : all.findIndex((b) => b.name > token);
  const page = start < 0 ? [] : all.slice(start, start + max);
  const last = page.at(-1);
  const more = last !== undefined && all.indexOf(last) < all.length - 1;
  const buckets = page.map((b) => ({
    Name: b.name,
    CreationDate: b.createdAt,
    BucketRegion: withRegion ? b.region : undefined,
  }));
  const inner =
    xmlBody({ Owner: { ID: 'fakecanonicalownerid0123456789abcdef', DisplayName: 'acme-prod' } }) +
    xmlElement('Buckets', xmlList('Bucket', buckets)) +
    (more ? xmlElement('ContinuationToken', last.name) : '') +
    (params.has('prefix') ? xmlElement('Prefix', prefix) : '');
  return xml(xmlDocument('ListAllMyBucketsResult', S3_NAMESPACE, inner), request);
}

function getBucketLocation(bucket: string, request: ServiceRequest, state: FakeState): FakeResponse {
  const found = state.fixtures.s3.find((b) => b.name === bucket);
  if (!found) {
    return s3ErrorResponse(
      { code: 'NoSuchBucket', status: 404, message: 'The specified bucket does not exist' },
      request.requestId,
    );
  }
  const constraint = found.locationConstraint ?? (found.region === 'us-east-1' ? '' : found.region);
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_NAMESPACE}">${escapeXml(constraint)}</LocationConstraint>`;
  return xml(body, request);
}

function bucketOf(request: ServiceRequest): string {
  return decodeURIComponent(request.url.pathname.split('/')[1] ?? '');
}

export const s3Fake: ServiceFake = {
  operation: (request) => {
    if (request.method !== 'GET') return undefined;
    const bucket = bucketOf(request);
    if (bucket === '') return 'ListBuckets';
    return request.params.has('location') ? 'GetBucketLocation' : undefined;
  },
  handle: (operation, request, state) =>
    operation === 'ListBuckets'
      ? listBuckets(request, state)
      : getBucketLocation(bucketOf(request), request, state),
};

import type { FakeState, Principal } from './fake-state.ts';
import { type AwsError, type AwsService, errorResponse, type FakeResponse } from './protocol.ts';

/** One signed request, decoded enough for a service fake to answer it. */
export interface ServiceRequest {
  service: AwsService;
  region: string;
  accessKeyId: string;
  principal: Principal;
  method: string;
  url: URL;
  /** Form fields for the query protocols, the query string for REST services, top-level JSON fields. */
  params: URLSearchParams;
  /** awsJson services: the operation named by `X-Amz-Target` and the parsed body. */
  target: string | undefined;
  json: Record<string, unknown>;
  requestId: string;
}

export interface ServiceFake {
  /** The API operation this request is, or undefined when the fake does not implement it. */
  operation(request: ServiceRequest): string | undefined;
  handle(operation: string, request: ServiceRequest, state: FakeState): FakeResponse;
}

export function validationError(message: string) {
  return { code: 'ValidationError', status: 400, message };
}

/** The error in the shape the request's service uses. */
export function refuse(request: ServiceRequest, error: AwsError): FakeResponse {
  return errorResponse(request.service, error, request.requestId);
}

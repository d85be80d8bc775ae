// The one error base of the orchestrator. Anything thrown that is an HttpError is an expected failure and
// is rendered as `{"error": ..., "detail": ...}` with its status by the single onError handler; anything else is a bug and
// becomes a bare 500 with a request id, so no internal detail leaks to a client.

export type HttpErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 501 | 503;

/** One entry of a FastAPI-style validation detail, so ADK clients parse our 422s unchanged. */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: HttpErrorStatus;
  /** Stable machine-readable code, for logs and clients that branch on it. */
  readonly code: string;
  /** What the client sees as `detail`; the message unless a structured detail is given. */
  readonly detail: string | ValidationIssue[];

  constructor(
    status: HttpErrorStatus,
    code: string,
    message: string,
    options?: { detail?: ValidationIssue[]; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = status;
    this.code = code;
    this.detail = options?.detail ?? message;
  }
}

export class NotFoundError extends HttpError {
  override name = 'NotFoundError';
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

export class ConflictError extends HttpError {
  override name = 'ConflictError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(409, 'conflict', message, options);
  }
}

export class ValidationError extends HttpError {
  override name = 'ValidationError';
  constructor(issues: ValidationIssue[]) {
    const summary = issues.map((issue) => `${issue.loc.join('.')}: ${issue.msg}`).join('; ');
    super(422, 'invalid_request', summary, { detail: issues });
  }
}

export class UnauthorizedError extends HttpError {
  override name = 'UnauthorizedError';
  constructor(message = 'Missing or invalid bearer token') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends HttpError {
  override name = 'ForbiddenError';
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}

export class ServiceUnavailableError extends HttpError {
  override name = 'ServiceUnavailableError';
  /** Sent as `Retry-After` when set: the condition is expected to pass (a busy pool, a busy session). */
  readonly retryAfterSeconds: number | undefined;
  constructor(message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(503, 'unavailable', message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/** An error the fake returns the way Cost Explorer does: a `__type` body and an HTTP status. */
export class CeError extends Error {
  readonly type: string;
  readonly status: number;

  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

export function validationError(message: string): CeError {
  return new CeError('ValidationException', message);
}

/** Default statuses for the error types tests inject. */
export function statusFor(type: string): number {
  if (type === 'InternalServerError' || type === 'InternalFailure') return 500;
  if (type === 'ServiceUnavailableException' || type === 'ServiceUnavailable') return 503;
  return 400;
}

/** The body's `__type` carries a namespace prefix the SDK strips, as the real service's does. */
export function errorBody(error: CeError): string {
  return JSON.stringify({
    __type: `com.amazonaws.awsinsightsindexservice#${error.type}`,
    message: error.message,
  });
}

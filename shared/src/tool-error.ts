/**
 * An expected failure: bad input, a missing object, a refused permission. It goes back to the
 * model as an `isError` result, with the cause and what to do next, because that text is the
 * only thing the model has to recover with.
 */
export class ToolError extends Error {
  override name = 'ToolError';
  readonly remedy: string | undefined;

  constructor(cause: string, remedy?: string) {
    super(cause);
    this.remedy = remedy;
  }

  /** The text the model sees. */
  toText(): string {
    return this.remedy ? `${this.message} ${this.remedy}` : this.message;
  }
}

export function isToolError(error: unknown): error is ToolError {
  return error instanceof ToolError;
}

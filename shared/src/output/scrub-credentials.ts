// Cloud APIs sometimes echo credentials in error text: an AWS SignatureDoesNotMatch message quotes
// the canonical request, whose headers carry the session token, and S3 echoes the access key id.
// Error text reaches the model and the log, so servers pass it through here first. The patterns are
// credential shapes, as a secret scanner knows them; nothing here calls a cloud.
const SIGNING_DETAILS =
  /\s*The (?:Canonical String for this request|String-to-Sign) should have been[\s\S]*$/i;
const SECURITY_TOKEN = /(x-amz-security-token\s*[:=]\s*)[^\s'"&,;]+/gi;
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g;

/** The text with request-signing details cut and any session token or access key id masked. */
export function scrubCredentials(text: string): string {
  return text
    .replace(SIGNING_DETAILS, ' (signing details omitted)')
    .replace(SECURITY_TOKEN, '$1<redacted>')
    .replace(ACCESS_KEY_ID, '<access key id>');
}

/**
 * The error itself when its message is clean, else a copy with the message scrubbed and only the
 * stack frames kept (a stack starts by repeating the message).
 */
export function scrubErrorCredentials(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(scrubCredentials(String(error)));
  const message = scrubCredentials(error.message);
  if (message === error.message) return error;
  const copy = new Error(message);
  copy.name = error.name;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  copy.stack = [`${error.name}: ${message}`, ...frames].join('\n');
  return copy;
}

// Cloud APIs sometimes echo credentials in error text: an AWS SignatureDoesNotMatch message quotes
// the canonical request, whose headers carry the session token, and S3 echoes the access key id.
// Error text reaches the model and the log, so servers pass it through here first. The patterns are
// credential shapes, as a secret scanner knows them; nothing here calls a cloud.
const SIGNING_DETAILS =
  /\s*The (?:Canonical String for this request|String-to-Sign) should have been[\s\S]*$/i;
const SECURITY_TOKEN = /(x-amz-security-token\s*[:=]\s*)[^\s'"&,;]+/gi;
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g;
// A secret named as one: after "=" or ":" ("aws_secret_access_key=abc", "password: abc"), or after a
// space when what follows is token-shaped, 16+ characters with a digit ("SecretAccessKey wJalr...7"), so
// prose such as "The security token included in the request is invalid" stays as AWS wrote it.
const SECRET_LABEL =
  '\\b((?:aws[_-]?)?secret[_ -]?(?:access[_ -]?)?key|x-amz-security-token|security[_ -]?token|session[_ -]?token|password|passwd)';
const LABELLED_SECRET = new RegExp(
  `${SECRET_LABEL}(["']?\\s*[:=]\\s*["']?)(?=[^<\\s'"&,;])[^\\s'"&,;<]{4,}`,
  'gi',
);
const LABELLED_TOKEN = new RegExp(`${SECRET_LABEL}(\\s+)(?=[^\\s'"&,;<]*\\d)(?=[^<])[^\\s'"&,;<]{16,}`, 'gi');
// STS session tokens by their shape (their base64 starts the same way), wherever they stand.
const SESSION_TOKEN_SHAPE = /\b(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE|FQoGZXIvYXdzE)[A-Za-z0-9/+=]*/g;
// user:password@ in a URL: the user stays, the password goes.
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi;

/**
 * The text with request-signing details cut and any session token, access key id, labelled secret
 * or password in a URL masked.
 */
export function scrubCredentials(text: string): string {
  return text
    .replace(SIGNING_DETAILS, ' (signing details omitted)')
    .replace(SECURITY_TOKEN, '$1<redacted>')
    .replace(SESSION_TOKEN_SHAPE, '<session token>')
    .replace(LABELLED_SECRET, '$1$2<redacted>')
    .replace(LABELLED_TOKEN, '$1$2<redacted>')
    .replace(URL_PASSWORD, '$1<redacted>@')
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

/**
 * What a secret looks like when someone wrote it where a value belongs (an env var's `value:`, an
 * annotation, a CRD field) instead of in a Secret: by the name it sits under, or by its own shape.
 * Detection only; redact.ts applies it to objects. Patterns are the ones secret scanners use, kept
 * linear (no nested quantifiers) because they run on every string of every object we return.
 *
 * Decided as a security reviewer would, erring toward masking, since a masked value costs an SRE
 * one `kubectl` call and a leaked one costs a rotation:
 * - Names: PASSWORD/PASSWD/PASSPHRASE, SECRET, TOKEN, CREDENTIAL, API_KEY/APIKEY, ACCESS_KEY,
 *   PRIVATE_KEY, SIGNING_KEY, ENCRYPTION_KEY anywhere in the name; AUTH, AUTHORIZATION, PASS, PWD,
 *   PW, SALT, SIG, SIGNATURE, JWT as whole words; any name ending in _KEY (STRIPE_KEY, SSH_KEY).
 * - AWS_ACCESS_KEY_ID is masked too: half a credential, and AKIA/ASIA ids are masked by shape anyway.
 * - Shown: names whose last word says what the value describes (SECRET_NAME, TOKEN_TTL, AUTH_URL,
 *   AUTH_ENABLED; see describingSuffixes), *_FILE/*_PATH names holding a path, `$(VAR)` references,
 *   PUBLIC_KEY and topologyKey. Their values still get the shape checks.
 * - A lone `KEY` or `key` is not masked: Kubernetes uses `key` for selectors, tolerations and
 *   secretKeyRef, and masking those would hide what an SRE needs.
 */

/** `<masked: secret-looking name, 24 chars>`: enough to see the value is set, nothing of it. */
export function maskedLabel(reason: string, value: string): string {
  return `<masked: ${reason}, ${[...value].length} chars>`;
}

export const nameReason = 'secret-looking name';

/** Anywhere in the name: `DB_PASSWORD`, `PGPASSWORD`, `clientSecret`, `X-Amz-Security-Token`. */
const secretWords =
  /pass(?:word|wd|phrase)|secret|token|credential|api_?key|access_?key|private_?key|signing_?key|encryption_?key/;
/** Whole words only, since as substrings they are everywhere (`author`, `bypass`, `signal`). */
const secretTokens = new Set([
  'auth',
  'authorization',
  'pass',
  'pwd',
  'pw',
  'salt',
  'sig',
  'signature',
  'jwt',
]);
/**
 * A secret word followed by one of these names the secret's place, kind or policy, not the secret:
 * `SECRET_NAME`, `secretKeyRef`, `TOKEN_TTL`, `AUTH_URL`. Values under them still get shape checks,
 * which catch a password inside an `AUTH_URL`.
 */
const describingSuffixes = new Set(
  (
    'name names ref refs namespace selector type types mode enabled disabled required ttl timeout expiry ' +
    'expiration expires interval period duration seconds minutes length size count version algorithm alg ' +
    'issuer audience scope scopes host hostname port region provider method strategy url uri endpoint'
  ).split(' '),
);
/** These describe a file; shown when the value is a path (`DB_PASSWORD_FILE=/run/secrets/db`). */
const fileSuffixes = new Set(['path', 'file', 'dir', 'directory', 'location', 'mount']);
/** `_KEY` names that are not keys to anything. */
const plainKeyNames = new Set(['public_key', 'topology_key']);

/** `DB_PASSWORD`, `dbPassword`, `db-password` and `db.password` all become `db_password`. */
export function normaliseName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

type NameVerdict = 'secret' | 'secret unless a path' | 'plain';

// Objects repeat the same few hundred keys; the walk asks about each of them once per string.
const verdicts = new Map<string, NameVerdict>();

function nameVerdict(name: string): NameVerdict {
  const known = verdicts.get(name);
  if (known) return known;
  const normal = normaliseName(name);
  const words = normal.split('_').filter(Boolean);
  const last = words.at(-1) ?? '';
  const looksSecret =
    secretWords.test(normal) ||
    words.some((word) => secretTokens.has(word)) ||
    (last === 'key' && words.length > 1 && !plainKeyNames.has(normal));
  const verdict: NameVerdict =
    !looksSecret || describingSuffixes.has(last)
      ? 'plain'
      : fileSuffixes.has(last)
        ? 'secret unless a path'
        : 'secret';
  if (verdicts.size > 10_000) verdicts.clear();
  verdicts.set(name, verdict);
  return verdict;
}

/**
 * True when a value stored under `name` should be masked whole. `value`, when given, lets a
 * `*_FILE`/`*_PATH` name show a path and a `$(VAR)` reference show as written.
 */
export function isSecretLookingName(name: string, value?: string): boolean {
  const verdict = nameVerdict(name);
  if (verdict === 'plain') return false;
  if (value !== undefined && /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(value)) return false;
  if (verdict === 'secret unless a path' && value !== undefined) return !/^[\w.~-]*\/[\w./~-]*$/.test(value);
  return true;
}

type Replacer = (match: string, ...groups: string[]) => string;

/** One shape: what it is called in the mask, how to find it, how to mask a match. */
interface Shape {
  reason: string;
  pattern: RegExp;
  replace: Replacer;
}

const whole =
  (reason: string): Replacer =>
  (match) =>
    maskedLabel(reason, match);

/** Keeps the text before the secret (a scheme, `Bearer `, a parameter name) and masks the rest. */
const afterPrefix =
  (reason: string): Replacer =>
  (_match, prefix = '', secret = '') =>
    `${prefix}${maskedLabel(reason, secret)}`;

/** Random-looking: several character classes, which English words and hex digests lack. */
function looksRandom(text: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[+/=_-]/].filter((pattern) => pattern.test(text)).length;
  return classes >= 3 || (classes === 2 && /[0-9+/=]/.test(text));
}

const shapes: Shape[] = [
  {
    reason: 'private key block',
    pattern:
      /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,10}-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,10}-----|$)/g,
    replace: whole('private key block'),
  },
  {
    // scheme://user:password@host: scheme, user and host stay, so the SRE sees where it points.
    // The password runs to the last @ of the word, since passwords often hold an unescaped @.
    reason: 'password in URL',
    pattern: /\b([a-z][a-z0-9+.-]{0,30}:\/\/[^\s:@/?#"'<>]{0,256}:)([^\s"'<>]{1,512})(?=@)/gi,
    replace: afterPrefix('password in URL'),
  },
  {
    reason: 'webhook URL',
    pattern: /(hooks\.slack\.com\/services\/|discord(?:app)?\.com\/api\/webhooks\/)([\w/-]{8,})/gi,
    replace: afterPrefix('webhook URL'),
  },
  {
    reason: 'JWT',
    pattern: /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g,
    replace: whole('JWT'),
  },
  {
    reason: 'bearer token',
    pattern: /\b((?:Bearer|Basic)\s+)([A-Za-z0-9._~+/-]{8,}=*)/gi,
    replace: (match, prefix = '', token = '') =>
      looksRandom(token) ? `${prefix}${maskedLabel('bearer token', token)}` : match,
  },
  {
    reason: 'AWS access key id',
    pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
    replace: whole('AWS access key id'),
  },
  {
    // Alone it is only 40 base64 characters: demand the mix of classes a random key has, which
    // rules out the 40-hex git SHAs that labels and annotations are full of.
    reason: 'AWS secret access key',
    pattern: /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    replace: (match) =>
      /[a-z]/.test(match) && /[A-Z]/.test(match) && /[0-9]/.test(match)
        ? maskedLabel('AWS secret access key', match)
        : match,
  },
  {
    reason: 'API token',
    pattern:
      /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_\w{22,255}|glpat-[\w-]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[\w-]{35}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|sk-(?:ant-|proj-)?[\w-]{32,}|npm_[A-Za-z0-9]{36})/g,
    replace: whole('API token'),
  },
];

/**
 * `--password=x`, `Password=x;` in a connection string, `?token=x` in a URL, `KEY=x` in a script;
 * after a colon only as JSON (`"password": "x"`) or at the start of a YAML line, not in prose
 * ("invalid token: signature expired").
 */
const assignment =
  /(?<![\w.-])(-{0,2}[A-Za-z_][\w.-]{0,63})((?:=|"\s{0,8}:|'\s{0,8}:|(?<=^[ \t-]{0,40}[A-Za-z_][\w.-]{0,63}):)[ \t]{0,8})("[^"\n]{0,512}"|'[^'\n]{0,512}'|[^\s"'&;,<>]{1,512})/gm;
const restOfWord = /[^\s"'&;,<>]*/y;

/**
 * Masks the value of each secret-looking assignment. A loop, not one replace: when `https:` is
 * not a secret, its "value" may hold one (`//s3/x?X-Amz-Signature=...`), so the search resumes
 * right after the separator instead of after the value.
 */
function maskAssignments(text: string): string {
  let out = '';
  let from = 0;
  assignment.lastIndex = 0;
  for (let match = assignment.exec(text); match; match = assignment.exec(text)) {
    const [, key = '', separator = '', value = ''] = match;
    const quote = value.startsWith('"') || value.startsWith("'") ? value.charAt(0) : '';
    let end = match.index + key.length + separator.length + value.length;
    let inner = quote ? value.slice(1, -1) : value;
    const skip = inner === '' || inner.startsWith('<masked') || /^(?:bearer|basic)$/i.test(inner);
    if (skip || !isSecretLookingName(key, inner)) {
      assignment.lastIndex = match.index + key.length + separator.length;
      continue;
    }
    if (!quote) {
      // The match stops at 512 characters; the secret does not.
      restOfWord.lastIndex = end;
      const rest = restOfWord.exec(text)?.[0] ?? '';
      inner += rest;
      end += rest.length;
    }
    out += `${text.slice(from, match.index)}${key}${separator}${quote}${maskedLabel(nameReason, inner)}${quote}`;
    from = end;
    assignment.lastIndex = end;
  }
  return out + text.slice(from);
}

/** Shapes short strings cannot have: skip them cheaply, since most strings are short names. */
const maybeSecret = /[:=@\s]|.{15}/;

/** The text with every secret-shaped part masked, whatever name it was found under. */
export function maskSecretShapes(text: string): string {
  if (!maybeSecret.test(text)) return text;
  let masked = text;
  for (const shape of shapes) masked = masked.replace(shape.pattern, shape.replace as Replacer);
  return maskAssignments(masked);
}

/** How a value under `name` is shown: masked whole for its name, shape-masked, or as it is. */
export interface MaskedValue {
  text: string;
  /** `name`: the whole value was hidden; `shape`: parts were; undefined: nothing was. */
  maskedBy?: 'name' | 'shape';
}

/** What this module and redact.ts put in a value's place; masking one again would hide its size. */
const ownPlaceholder = /^<(?:masked|redacted): [^<>]{1,80}>$/;

export function maskNamedValue(name: string, value: string): MaskedValue {
  if (ownPlaceholder.test(value)) return { text: value, maskedBy: 'name' };
  if (isSecretLookingName(name, value)) return { text: maskedLabel(nameReason, value), maskedBy: 'name' };
  const text = maskSecretShapes(value);
  return text === value ? { text } : { text, maskedBy: 'shape' };
}

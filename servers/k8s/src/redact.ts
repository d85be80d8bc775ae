/**
 * The one gate every raw object passes before it leaves the server, as JSON or as text. Secret
 * values never leave, on any path: a Secret keeps its key names and decoded sizes, nothing else of
 * its data; a secret written as a plain value anywhere else (an env var's `value:`, an annotation,
 * a CRD field) is masked by the name it sits under or by its shape (secret-values.ts).
 *
 * For any object of any kind, call `redactObject` before showing it (it does all of the above);
 * `redactEnvVar` and `maskNamedValue` serve formatters that render one env var or field as text.
 */

import { maskNamedValue, maskSecretShapes } from './secret-values.js';

export {
  isSecretLookingName,
  type MaskedValue,
  maskedLabel,
  maskNamedValue,
  maskSecretShapes,
} from './secret-values.js';

const lastApplied = 'kubectl.kubernetes.io/last-applied-configuration';

export interface SecretKeySize {
  key: string;
  /** Decoded size in bytes: what the application sees, not the base64 length. */
  bytes: number;
}

/**
 * A deep copy of `value` with every Secret inside it redacted, and `managedFields` and the
 * last-applied-configuration annotation dropped from every object.
 * Works on one object, a list (`{ items }`), an array, or any bundle of them, because objects
 * in typed lists carry no `kind`: a Secret is recognised by its shape as well as its kind.
 */
export function redactObject<T>(value: T): T {
  return redactSecretLookingFields(redactValue(value)) as T;
}

export function redactList<T>(items: readonly T[]): T[] {
  return items.map((item) => redactObject(item));
}

/** Key names and decoded sizes of a Secret's `data` and `stringData`, sorted by key. */
export function secretKeySizes(secret: { data?: unknown; stringData?: unknown }): SecretKeySize[] {
  const sizes = new Map<string, number>();
  for (const [key, encoded] of entries(secret.data)) sizes.set(key, decodedSize(encoded));
  for (const [key, plain] of entries(secret.stringData)) {
    sizes.set(key, typeof plain === 'string' ? Buffer.byteLength(plain, 'utf8') : 0);
  }
  return [...sizes].map(([key, bytes]) => ({ key, bytes })).sort((a, b) => a.key.localeCompare(b.key));
}

/** True for a Secret, with or without `kind` (typed list items lose it). */
export function isSecretLike(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (value.kind === 'Secret') return true;
  // ConfigMaps have data but no `type`; workloads have `spec`. Erring toward redaction is safe.
  return (
    typeof value.type === 'string' &&
    (isRecord(value.data) || isRecord(value.stringData)) &&
    !('spec' in value)
  );
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (!isRecord(value) || value instanceof Date) return value;
  return isSecretLike(value) ? redactSecret(value) : redactFields(value);
}

function redactFields(value: Record<string, unknown>): Record<string, unknown> {
  // fromEntries, not assignment: a `__proto__` key in a custom resource stays a field of the copy.
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'managedFields')
      .map(([key, child]) => [
        key,
        key === 'metadata' && isRecord(child) ? redactMetadata(child) : redactValue(child),
      ]),
  );
}

/**
 * kubectl apply keeps the whole applied object in this annotation: for a Secret, its values;
 * for anything else, values since moved into a Secret (`kubectl edit` does not update it), and
 * a second copy of the object that would eat the output budget.
 */
function redactMetadata(metadata: Record<string, unknown>): unknown {
  const copy = redactValue(metadata);
  if (!isRecord(copy) || !isRecord(copy.annotations)) return copy;
  const { [lastApplied]: _dropped, ...annotations } = copy.annotations;
  return { ...copy, annotations };
}

function redactSecret(secret: Record<string, unknown>): Record<string, unknown> {
  const sizes = secretKeySizes(secret);
  const { data: _data, stringData: _stringData, ...rest } = secret;
  const copy = redactFields(rest);
  if (sizes.length > 0) {
    copy.data = Object.fromEntries(sizes.map(({ key, bytes }) => [key, `<redacted: ${bytes} bytes>`]));
  }
  return copy;
}

/** A copy of an env var (or any `{ name, value }` pair) with a secret-looking value masked. */
export function redactEnvVar<T extends { name?: string; value?: string }>(envVar: T): T {
  if (typeof envVar.name !== 'string' || typeof envVar.value !== 'string') return envVar;
  return { ...envVar, value: maskNamedValue(envVar.name, envVar.value).text };
}

/**
 * A deep copy of any object, whatever its kind, with secret-looking plain values masked: a string
 * under a secret-looking key (`password`, `apiKey`), the `value` of a `{ name, value }` pair with a
 * secret-looking name (env vars, probe headers, CRD parameters), the word after a secret-looking
 * flag in an argument list (`["--token", "x"]`), and secret-shaped parts of every other string.
 */
export function redactSecretLookingFields<T>(value: T): T {
  return maskFields(value, undefined) as T;
}

function maskFields(value: unknown, key: string | undefined): unknown {
  if (typeof value === 'string')
    return key === undefined ? maskSecretShapes(value) : maskNamedValue(key, value).text;
  if (Array.isArray(value)) return maskArray(value, key);
  if (!isRecord(value) || value instanceof Date) return value;
  const copy: Record<string, unknown> = Object.fromEntries(
    Object.entries(value).map(([child, field]) => [child, maskFields(field, child)]),
  );
  if (typeof value.name === 'string' && typeof value.value === 'string') {
    copy.value = maskNamedValue(value.name, value.value).text;
  }
  return copy;
}

const flag = /^-{1,2}([A-Za-z_][\w.-]{0,63})$/;

function maskArray(values: readonly unknown[], key: string | undefined): unknown[] {
  return values.map((item, index) => {
    const previous = index > 0 ? values[index - 1] : undefined;
    const named = typeof previous === 'string' ? flag.exec(previous)?.[1] : undefined;
    if (named !== undefined && typeof item === 'string') return maskNamedValue(named, item).text;
    return maskFields(item, key);
  });
}

function decodedSize(encoded: unknown): number {
  if (typeof encoded !== 'string') return 0;
  // Some clients hand back decoded Buffers/strings; base64 is what the wire carries.
  return Buffer.from(encoded, 'base64').length;
}

function entries(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

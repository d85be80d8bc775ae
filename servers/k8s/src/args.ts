import { z } from 'zod';

/*
 * Every tool's schema is sent to the model on every turn, so the arguments every tool shares
 * (namespace, context, output, selectors, paging) are explained once, in the server's
 * instructions (sent once per session), and carry no description of their own: their names are
 * kubectl's. They are validated with refinements: as strict as `.regex()`, but no `pattern` in
 * the JSON schema, and the error names the rule when it fails.
 */

// RFC 1123 label (namespaces, services) and subdomain (most other object names).
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const namespaceRule =
  'a namespace is at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit (RFC 1123)';

/** A string of at most `max` characters, checked without a `maxLength` in the schema. */
export function boundedString(max: number, what: string) {
  return z.string().refine((value) => value.length <= max, `${what} has at most ${max} characters`);
}

const namespaceString = z
  .string()
  .refine((value) => value.length <= 63 && dnsLabel.test(value), namespaceRule);

/**
 * A namespace whose omission means the context's namespace, as in kubectl. The context is only
 * known with the call's other arguments, so `withContextNamespace` (context-namespace.ts) fills
 * it in before the handler runs, for every tool whose input has this very field: handlers see a
 * string. No `.default()`: the instructions state the default once, not every tool's schema.
 */
export const namespaceArg = namespaceString.optional() as unknown as z.ZodType<string, string | undefined>;

/** For tools where no namespace means every (allowed) namespace. */
export const optionalNamespaceArg = namespaceString.optional();

/** `pod_name`, `deployment_name`: the parameter's name says what it is, so no description. */
export function objectNameArg(kind: string) {
  return z
    .string()
    .refine(
      (value) => value.length <= 253 && dnsSubdomain.test(value),
      `a ${kind} name is lowercase letters, digits, "-" and "." (RFC 1123), e.g. "checkout-7d9f8b6c5-x2x7q"`,
    );
}

export const contextArg = z
  .string()
  .refine((value) => value.length > 0, 'context is a kubeconfig context name; omit it for the default')
  .optional();

export const outputArg = z
  .enum(['text', 'json'])
  .optional()
  .transform((value) => value ?? 'text');

/**
 * A list argument that also takes one bare value: models often send `"Warning"` for
 * `["Warning"]`, and refusing that costs a round trip for nothing.
 */
export function listOf<Item extends z.ZodType>(item: Item, maxItems: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? [value] : value),
    z.array(item).refine((items) => items.length <= maxItems, `at most ${maxItems} items`),
  );
}

/** Paging and selection arguments every list tool takes, like `kubectl get -l ... --field-selector ...`. */
export const listArgs = {
  label_selector: boundedString(1_000, 'label_selector').optional(),
  field_selector: boundedString(1_000, 'field_selector').optional(),
  limit: z
    .number()
    .refine(
      (value) => Number.isInteger(value) && value >= 1 && value <= 1_000,
      'limit is a whole number from 1 to 1000',
    )
    .optional(),
  continue: boundedString(4_096, 'continue').optional(),
  output: outputArg,
  context: contextArg,
};

export interface ListArgs {
  label_selector?: string | undefined;
  field_selector?: string | undefined;
  limit?: number | undefined;
  continue?: string | undefined;
  output: 'text' | 'json';
  context?: string | undefined;
}

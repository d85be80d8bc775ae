import { z } from 'zod';

// RFC 1123 label (namespaces, services) and subdomain (most other object names).
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const namespaceArg = z
  .string()
  .max(63, 'a namespace has at most 63 characters')
  .regex(
    dnsLabel,
    'a namespace is lowercase letters, digits and "-", starting and ending with a letter or digit (RFC 1123)',
  )
  .default('default')
  .describe('Kubernetes namespace (default "default")');

export function objectNameArg(kind: string) {
  return z
    .string()
    .max(253, `a ${kind} name has at most 253 characters`)
    .regex(
      dnsSubdomain,
      `a ${kind} name is lowercase letters, digits, "-" and "." (RFC 1123), e.g. "checkout-7d9f8b6c5-x2x7q"`,
    )
    .describe(`Name of the ${kind}`);
}

export const contextArg = z
  .string()
  .min(1)
  .optional()
  .describe('Kubeconfig context to use; defaults to KUBE_CONTEXT, else the current context');

export const outputArg = z
  .enum(['text', 'json'])
  .default('text')
  .describe('"text" (default): compact table; "json": the raw objects, redacted and size-limited');

/** Paging and selection arguments every list tool takes, like `kubectl get -l ... --field-selector ...`. */
export const listArgs = {
  label_selector: z
    .string()
    .max(1_000)
    .optional()
    .describe('Label selector, e.g. "app=checkout,tier!=cache"'),
  field_selector: z.string().max(1_000).optional().describe('Field selector, e.g. "status.phase!=Running"'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(1_000)
    .optional()
    .describe(
      'Page size; when set, returns one page and a `continue` token. Unset: everything, summarised to fit',
    ),
  continue: z.string().max(4_096).optional().describe('Token from a previous page to get the next one'),
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

/** metav1.Status failures worded as the real API server words them. */

import type { ResourceDef } from './resources.ts';
import { qualifiedName } from './resources.ts';

export type StatusDetails = {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason?: string; message: string; field?: string }[];
  retryAfterSeconds?: number;
};

export type KubeStatus = {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  code: number;
  details?: StatusDetails;
};

/** HTTP code -> the StatusReason the real server pairs with it. */
export const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** Thrown by handlers; the server renders it as a Status body in one place. */
export class KubeError extends Error {
  readonly status: KubeStatus;
  constructor(code: number, message: string, details?: StatusDetails, reason?: string) {
    super(message);
    this.status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: reason ?? REASONS[code] ?? 'Unknown',
      code,
      ...(details ? { details } : {}),
    };
  }
}

const detailsFor = (def: ResourceDef, name?: string): StatusDetails => ({
  ...(name !== undefined ? { name } : {}),
  ...(def.group ? { group: def.group } : {}),
  kind: def.plural,
});

export const notFound = (def: ResourceDef, name: string): KubeError =>
  new KubeError(404, `${qualifiedName(def)} "${name}" not found`, detailsFor(def, name));

export const conflict = (def: ResourceDef, name: string): KubeError =>
  new KubeError(
    409,
    `Operation cannot be fulfilled on ${qualifiedName(def)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    detailsFor(def, name),
  );

export const alreadyExists = (def: ResourceDef, name: string): KubeError =>
  new KubeError(
    409,
    `${qualifiedName(def)} "${name}" already exists`,
    detailsFor(def, name),
    'AlreadyExists',
  );

/** `Scale.autoscaling "x" is invalid: spec.replicas: Invalid value: -1: must be ...` */
export const invalid = (
  kindQualified: string,
  name: string,
  field: string,
  value: unknown,
  why: string,
  def?: ResourceDef,
): KubeError => {
  const cause = `${field}: Invalid value: ${JSON.stringify(value)}: ${why}`;
  return new KubeError(422, `${kindQualified} "${name}" is invalid: ${cause}`, {
    name,
    ...(def ? { group: def.group, kind: def.kind } : {}),
    causes: [
      { reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${why}`, field },
    ],
  });
};

export const badRequest = (message: string): KubeError => new KubeError(400, message);

export const resourceNotFound = (): KubeError =>
  new KubeError(404, 'the server could not find the requested resource', {});

export const methodNotAllowed = (): KubeError =>
  new KubeError(405, 'the server does not allow this method on the requested resource', {});

export const unauthorized = (): KubeError => new KubeError(401, 'Unauthorized');

export type RequestTarget = {
  verb: string;
  def?: ResourceDef;
  namespace?: string;
  name?: string;
  subresource?: string;
};

/** The RBAC refusal text: `pods is forbidden: User "u" cannot list resource "pods" in API group "" in the namespace "ns"`. */
export const forbidden = (user: string, t: RequestTarget): KubeError => {
  const plural = t.def?.plural ?? 'unknown';
  const resource = t.subresource ? `${plural}/${t.subresource}` : plural;
  const subject = t.name
    ? `${t.def ? qualifiedName(t.def) : plural} "${t.name}"`
    : t.def
      ? qualifiedName(t.def)
      : plural;
  const scope = t.namespace ? `in the namespace "${t.namespace}"` : 'at the cluster scope';
  const message = `${subject} is forbidden: User "${user}" cannot ${t.verb} resource "${resource}" in API group "${t.def?.group ?? ''}" ${scope}`;
  return new KubeError(403, message, {
    ...(t.name ? { name: t.name } : {}),
    ...(t.def?.group ? { group: t.def.group } : {}),
    kind: plural,
  });
};

/**
 * The IAM action each API operation needs, so an AccessDenied can say exactly what to grant.
 * Mostly `service:Operation`, but not always (S3 ListBuckets is `s3:ListAllMyBuckets`).
 */
const ACTION_OVERRIDES: Record<string, string> = {
  's3:ListBuckets': 's3:ListAllMyBuckets',
};

export function iamActionFor(service: string, operation: string): string {
  return ACTION_OVERRIDES[`${service}:${operation}`] ?? `${service}:${operation}`;
}

import { defineTool, formatAge, isToolError, mapLimit, renderTable } from '@sre-agent/shared';
import { outputArg, readOnly, regionArg, roleNameArg } from '../args.js';
import type { AwsSession } from '../aws-session.js';
import { collectPages } from '../collect-pages.js';
import type { AwsCoreToolDeps } from '../deps.js';

export interface BucketRow {
  name: string;
  /** Undefined when neither ListBuckets nor GetBucketLocation told us. */
  region: string | undefined;
  createdAt: string | undefined;
}

const MAX_PAGES = 20;
// GetBucketLocation is one call per bucket; cap it so a huge account does not stall the tool.
const MAX_LOCATION_LOOKUPS = 200;

export function s3Tools(deps: AwsCoreToolDeps) {
  return [
    defineTool({
      name: 'list_s3_buckets',
      description:
        'List S3 buckets with their region and creation date. Pass region to list only the buckets in that region.',
      input: {
        region: regionArg.describe(
          'Only buckets in this region; default: all buckets (S3 bucket listing is global)',
        ),
        role_name: roleNameArg,
        output: outputArg,
      },
      annotations: readOnly('List S3 buckets'),
      async handler({ region, role_name, output }, context) {
        const session = await deps.aws.session({ region, roleName: role_name, signal: context.signal });
        const buckets = await listBuckets(session, region);
        await fillRegions(session, buckets);
        buckets.sort((a, b) => a.name.localeCompare(b.name));
        if (output === 'json') return { json: buckets };
        return { text: formatBuckets(buckets, region, deps.now()) };
      },
    }),
  ];
}

async function listBuckets(session: AwsSession, region: string | undefined): Promise<BucketRow[]> {
  const { items } = await collectPages(async (token) => {
    // Any listing parameter makes S3 include BucketRegion, saving a GetBucketLocation per bucket.
    const out = await session.call('s3', 'ListBuckets', (client, sdk, options) =>
      client.send(
        new sdk.ListBucketsCommand({
          MaxBuckets: 1000,
          ...(region ? { BucketRegion: region } : {}),
          ...(token ? { ContinuationToken: token } : {}),
        }),
        options,
      ),
    );
    const rows = (out.Buckets ?? []).map(
      (b): BucketRow => ({
        name: b.Name ?? '?',
        region: b.BucketRegion,
        createdAt: b.CreationDate?.toISOString(),
      }),
    );
    return { items: rows, next: out.ContinuationToken };
  }, MAX_PAGES);
  return items;
}

/** S3 answers `""` for us-east-1 and `EU` for the oldest eu-west-1 buckets. */
export function normaliseLocation(constraint: string | undefined): string {
  if (!constraint) return 'us-east-1';
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}

async function fillRegions(session: AwsSession, buckets: BucketRow[]): Promise<void> {
  const missing = buckets.filter((b) => b.region === undefined).slice(0, MAX_LOCATION_LOOKUPS);
  await mapLimit(missing, 8, async (bucket) => {
    try {
      const out = await session.call('s3', 'GetBucketLocation', (client, sdk, options) =>
        client.send(new sdk.GetBucketLocationCommand({ Bucket: bucket.name }), options),
      );
      bucket.region = normaliseLocation(out.LocationConstraint);
    } catch (error) {
      // One unreadable bucket (a bucket policy denying us) must not fail the whole listing.
      if (!isToolError(error)) throw error;
    }
  });
}

export function formatBuckets(buckets: readonly BucketRow[], region: string | undefined, now: Date): string {
  const where = region ? ` in ${region}` : '';
  if (buckets.length === 0) return `No S3 buckets${where}.`;
  const perRegion = new Map<string, number>();
  for (const b of buckets)
    perRegion.set(b.region ?? 'unknown', (perRegion.get(b.region ?? 'unknown') ?? 0) + 1);
  const summary = [...perRegion]
    .sort(([ra, a], [rb, b]) => b - a || ra.localeCompare(rb))
    .map(([r, n]) => `${r} ${n}`)
    .join(', ');
  const table = renderTable(
    ['NAME', 'REGION', 'CREATED', 'AGE'],
    buckets.map((b) => [
      b.name,
      b.region ?? '?',
      b.createdAt?.slice(0, 10) ?? '?',
      formatAge(b.createdAt, now),
    ]),
  );
  const unknown = perRegion.has('unknown')
    ? '\nRegion "?" means s3:GetBucketLocation was refused or not tried for that bucket.'
    : '';
  return `${buckets.length} S3 bucket(s)${where}; by region: ${summary}\n${table}${unknown}`;
}

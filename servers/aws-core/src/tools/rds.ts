import { defineTool, renderTable } from '@sre-agent/shared';
import { OTHER_REGIONS_HINT, outputArg, readOnly, regionArg, roleNameArg } from '../args.js';
import type { AwsSession, RdsInstanceShape } from '../aws-session.js';
import { collectPages } from '../collect-pages.js';
import type { AwsCoreToolDeps } from '../deps.js';

export interface RdsInstanceRow {
  id: string;
  engine: string;
  engineVersion: string;
  instanceClass: string;
  status: string;
  multiAZ: boolean;
  storageGiB: number | undefined;
  storageType: string;
  az: string;
}

const MAX_PAGES = 50;

export function rdsTools(deps: AwsCoreToolDeps) {
  return [
    defineTool({
      name: 'list_rds_instances',
      description:
        'List RDS DB instances in a region (all pages): identifier, engine and version, instance class, status, multi-AZ, storage and AZ.',
      input: { region: regionArg, role_name: roleNameArg, output: outputArg },
      annotations: readOnly('List RDS instances'),
      async handler({ region, role_name, output }, context) {
        const session = await deps.aws.session({ region, roleName: role_name, signal: context.signal });
        const rows = await listDbInstances(session);
        if (output === 'json') return { json: rows };
        return { text: formatDbInstances(rows, session.region) };
      },
    }),
  ];
}

async function listDbInstances(session: AwsSession): Promise<RdsInstanceRow[]> {
  const { items } = await collectPages(async (marker) => {
    const out = await session.call('rds', 'DescribeDBInstances', (client, sdk, options) =>
      client.send(
        new sdk.DescribeDBInstancesCommand({ MaxRecords: 100, ...(marker ? { Marker: marker } : {}) }),
        options,
      ),
    );
    return { items: (out.DBInstances ?? []).map(toRow), next: out.Marker };
  }, MAX_PAGES);
  return items;
}

function toRow(db: RdsInstanceShape): RdsInstanceRow {
  return {
    id: db.DBInstanceIdentifier ?? '?',
    engine: db.Engine ?? '?',
    engineVersion: db.EngineVersion ?? '?',
    instanceClass: db.DBInstanceClass ?? '?',
    status: db.DBInstanceStatus ?? 'unknown',
    multiAZ: db.MultiAZ ?? false,
    storageGiB: db.AllocatedStorage,
    storageType: db.StorageType ?? '',
    az: db.AvailabilityZone ?? '',
  };
}

function storage(row: RdsInstanceRow): string {
  // Aurora instances report a placeholder size; the cluster volume grows on its own.
  if (row.engine.startsWith('aurora')) return 'aurora cluster volume';
  return row.storageGiB === undefined ? '?' : `${row.storageGiB} GiB ${row.storageType}`.trim();
}

export function formatDbInstances(rows: readonly RdsInstanceRow[], region: string): string {
  if (rows.length === 0) return `No RDS DB instances in ${region}. ${OTHER_REGIONS_HINT}`;
  const unhealthy = rows.filter((r) => r.status !== 'available');
  const attention =
    unhealthy.length > 0
      ? `; not available: ${unhealthy.map((r) => `${r.id} (${r.status})`).join(', ')}`
      : '';
  const table = renderTable(
    ['ID', 'ENGINE', 'VERSION', 'CLASS', 'STATUS', 'MULTI-AZ', 'STORAGE', 'AZ'],
    rows.map((r) => [
      r.id,
      r.engine,
      r.engineVersion,
      r.instanceClass,
      r.status,
      r.multiAZ ? 'yes' : 'no',
      storage(r),
      r.az,
    ]),
  );
  return `${rows.length} RDS DB instance(s) in ${region}${attention}\n${table}`;
}

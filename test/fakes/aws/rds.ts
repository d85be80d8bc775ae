// RDS over the awsQuery protocol: DescribeDBInstances with MaxRecords/Marker paging.
import type { FakeState } from './fake-state.ts';
import { ACCOUNT_ID, type RdsInstance } from './fixtures.ts';
import { type FakeResponse, queryResponse } from './protocol.ts';
import { refuse, type ServiceFake, type ServiceRequest } from './service-request.ts';
import { xmlBody, xmlElement, xmlList } from './xml.ts';

function instanceXml(db: RdsInstance, region: string) {
  const port =
    db.engine.includes('mysql') || db.engine === 'mariadb'
      ? 3306
      : db.engine.startsWith('sqlserver')
        ? 1433
        : 5432;
  return {
    DBInstanceIdentifier: db.id,
    DBInstanceClass: db.instanceClass,
    Engine: db.engine,
    EngineVersion: db.engineVersion,
    DBInstanceStatus: db.status,
    MultiAZ: db.multiAZ,
    AllocatedStorage: db.allocatedStorage,
    StorageType: db.storageType,
    AvailabilityZone: db.availabilityZone,
    Endpoint: { Address: `${db.id}.cfake0example.${region}.rds.amazonaws.com`, Port: port },
    InstanceCreateTime: db.createdAt,
    DBInstanceArn: `arn:aws:rds:${region}:${ACCOUNT_ID}:db:${db.id}`,
    PubliclyAccessible: false,
    StorageEncrypted: true,
  };
}

function describeDBInstances(request: ServiceRequest, state: FakeState): FakeResponse {
  const { params, region } = request;
  const maxRecords = Number(params.get('MaxRecords') ?? '100');
  if (!Number.isInteger(maxRecords) || maxRecords < 20 || maxRecords > 100) {
    const message = `Invalid value ${params.get('MaxRecords')} for MaxRecords. Must be between 20 and 100`;
    return refuse(request, { code: 'InvalidParameterValue', status: 400, message });
  }
  const id = params.get('DBInstanceIdentifier');
  const all = (state.fixtures.rds[region] ?? []).filter((db) => id === null || db.id === id);
  if (id !== null && all.length === 0) {
    return refuse(request, {
      code: 'DBInstanceNotFound',
      status: 404,
      message: `DBInstance ${id} not found.`,
    });
  }
  const marker = params.get('Marker');
  const start =
    marker === null ? 0 : Number(Buffer.from(marker, 'base64url').toString().replace('rds-page:', ''));
  const page = all.slice(start, start + Math.min(maxRecords, state.pageSizes.rds));
  const next = start + page.length;
  const result =
    xmlElement(
      'DBInstances',
      xmlList(
        'DBInstance',
        page.map((db) => instanceXml(db, region)),
      ),
    ) + (next < all.length ? xmlBody({ Marker: Buffer.from(`rds-page:${next}`).toString('base64url') }) : '');
  return queryResponse('rds', 'DescribeDBInstances', result, request.requestId);
}

export const rdsFake: ServiceFake = {
  operation: (request) =>
    request.params.get('Action') === 'DescribeDBInstances' ? 'DescribeDBInstances' : undefined,
  handle: (_operation, request, state) => describeDBInstances(request, state),
};

// EC2 over the ec2Query protocol: DescribeInstances (MaxResults/NextToken paging, Filters) and
// DescribeRegions. Members are lowerCamel, lists are `<item>`s, errors are `<Response><Errors>`.
import type { FakeState } from './fake-state.ts';
import type { Ec2Instance } from './fixtures.ts';
import { type AwsError, ec2ErrorResponse, ec2Response, type FakeResponse } from './protocol.ts';
import type { ServiceFake, ServiceRequest } from './service-request.ts';
import { xmlElement } from './xml.ts';

const STATE_CODES: Record<Ec2Instance['state'], number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

const invalid = (message: string): AwsError => ({ code: 'InvalidParameterValue', status: 400, message });

/** `Filter.1.Name=x&Filter.1.Value.1=a&Filter.1.Value.2=b` -> Map { x => [a, b] } */
export function parseFilters(params: URLSearchParams): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (let i = 1; params.has(`Filter.${i}.Name`); i++) {
    const values: string[] = [];
    for (let j = 1; params.has(`Filter.${i}.Value.${j}`); j++)
      values.push(params.get(`Filter.${i}.Value.${j}`)!);
    filters.set(params.get(`Filter.${i}.Name`)!, values);
  }
  return filters;
}

/** EC2 filter values accept `*` and `?` wildcards. */
function globMatch(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${regex}$`).test(value);
}

const INSTANCE_FILTERS = new Set([
  'instance-state-name',
  'instance-type',
  'availability-zone',
  'instance-id',
  'tag-key',
  'tag-value',
]);

function instanceField(instance: Ec2Instance, filter: string): string[] | undefined {
  if (filter.startsWith('tag:')) {
    const value = instance.tags[filter.slice(4)];
    return value === undefined ? [] : [value];
  }
  const fields: Record<string, string[]> = {
    'instance-state-name': [instance.state],
    'instance-type': [instance.instanceType],
    'availability-zone': [instance.availabilityZone],
    'instance-id': [instance.instanceId],
    'tag-key': Object.keys(instance.tags),
    'tag-value': Object.values(instance.tags),
  };
  return fields[filter];
}

function matches(instance: Ec2Instance, filters: Map<string, string[]>): boolean {
  for (const [name, patterns] of filters) {
    const values = instanceField(instance, name) ?? [];
    if (!patterns.some((p) => values.some((v) => globMatch(p, v)))) return false;
  }
  return true;
}

function instanceXml(instance: Ec2Instance): string {
  const privateDns = instance.privateIpAddress
    ? `ip-${instance.privateIpAddress.replaceAll('.', '-')}.ec2.internal`
    : '';
  return xmlElement('item', {
    instanceId: instance.instanceId,
    imageId: instance.imageId,
    instanceState: { code: STATE_CODES[instance.state], name: instance.state },
    privateDnsName: privateDns,
    dnsName: instance.publicIpAddress
      ? `ec2-${instance.publicIpAddress.replaceAll('.', '-')}.compute.amazonaws.com`
      : '',
    instanceType: instance.instanceType,
    launchTime: instance.launchTime,
    placement: { availabilityZone: instance.availabilityZone, groupName: '', tenancy: 'default' },
    privateIpAddress: instance.privateIpAddress,
    ipAddress: instance.publicIpAddress,
    architecture: 'x86_64',
    rootDeviceType: 'ebs',
    tagSet: Object.entries(instance.tags).map(([key, value]) => ({ key, value })),
  });
}

function reservationsXml(instances: Ec2Instance[]): string {
  const byReservation = new Map<string, Ec2Instance[]>();
  for (const i of instances)
    byReservation.set(i.reservationId, [...(byReservation.get(i.reservationId) ?? []), i]);
  let out = '';
  for (const [reservationId, members] of byReservation) {
    out +=
      `<item><reservationId>${reservationId}</reservationId><ownerId>123456789012</ownerId><groupSet/>` +
      `<instancesSet>${members.map(instanceXml).join('')}</instancesSet></item>`;
  }
  return `<reservationSet>${out}</reservationSet>`;
}

function pageBounds(params: URLSearchParams, cap: number): { start: number; size: number } | AwsError {
  const max = params.get('MaxResults');
  const token = params.get('NextToken');
  if (max !== null && params.has('InstanceId.1')) {
    return {
      code: 'InvalidParameterCombination',
      status: 400,
      message: 'The parameter instancesSet cannot be used with the parameter maxResults',
    };
  }
  const size = max === null ? Number.POSITIVE_INFINITY : Number(max);
  if (max !== null && !(size >= 5 && size <= 1000)) {
    return invalid(
      `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`,
    );
  }
  const start =
    token === null ? 0 : Number(Buffer.from(token, 'base64url').toString().replace('ec2-page:', ''));
  if (!Number.isInteger(start)) return invalid(`The token '${token}' is invalid.`);
  // Only a request that asked for pages gets them; EC2 returns everything when MaxResults is absent.
  return { start, size: max === null ? size : Math.min(size, cap) };
}

function describeInstances(request: ServiceRequest, state: FakeState): FakeResponse {
  const filters = parseFilters(request.params);
  for (const name of filters.keys()) {
    if (!name.startsWith('tag:') && !INSTANCE_FILTERS.has(name)) {
      return ec2ErrorResponse(invalid(`The filter '${name}' is invalid`), request.requestId);
    }
  }
  const bounds = pageBounds(request.params, state.pageSizes.ec2);
  if ('code' in bounds) return ec2ErrorResponse(bounds, request.requestId);
  const ids = [...request.params.entries()].filter(([k]) => k.startsWith('InstanceId.')).map(([, v]) => v);
  const all = (state.fixtures.ec2[request.region] ?? []).filter(
    (i) => matches(i, filters) && (ids.length === 0 || ids.includes(i.instanceId)),
  );
  const page = all.slice(bounds.start, bounds.start + bounds.size);
  const next = bounds.start + page.length;
  const nextToken = next < all.length ? Buffer.from(`ec2-page:${next}`).toString('base64url') : undefined;
  const inner = reservationsXml(page) + (nextToken ? `<nextToken>${nextToken}</nextToken>` : '');
  return ec2Response('DescribeInstances', inner, request.requestId);
}

function describeRegions(request: ServiceRequest, state: FakeState): FakeResponse {
  const all = request.params.get('AllRegions') === 'true';
  const filters = parseFilters(request.params);
  const regions = state.fixtures.regions.filter((r) => {
    if (!all && r.optInStatus === 'not-opted-in') return false;
    const optIn = filters.get('opt-in-status');
    const name = filters.get('region-name');
    return (
      (!optIn || optIn.includes(r.optInStatus)) && (!name || name.some((n) => globMatch(n, r.regionName)))
    );
  });
  const items = regions.map((r) => ({
    regionName: r.regionName,
    regionEndpoint: `ec2.${r.regionName}.amazonaws.com`,
    optInStatus: r.optInStatus,
  }));
  return ec2Response('DescribeRegions', xmlElement('regionInfo', items), request.requestId);
}

export const ec2Fake: ServiceFake = {
  operation: (request) => {
    const action = request.params.get('Action');
    return action === 'DescribeInstances' || action === 'DescribeRegions' ? action : undefined;
  },
  handle: (operation, request, state) =>
    operation === 'DescribeInstances' ? describeInstances(request, state) : describeRegions(request, state),
};

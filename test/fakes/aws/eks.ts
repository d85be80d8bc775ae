// EKS over restJson1: ListClusters, DescribeCluster, ListNodegroups, DescribeNodegroup.
// Timestamps are epoch seconds; errors carry their name in `x-amzn-ErrorType`.

import { nodegroupAsg } from './eks-fixtures.ts';
import type { FakeState } from './fake-state.ts';
import { ACCOUNT_ID, type EksCluster, type EksNodegroup } from './fixtures.ts';
import { type AwsError, type FakeResponse, jsonResponse, restJsonErrorResponse } from './protocol.ts';
import type { ServiceFake, ServiceRequest } from './service-request.ts';

const epoch = (date: Date) => date.getTime() / 1000;

function clusterJson(c: EksCluster) {
  const arn = `arn:aws:eks:${c.region}:${ACCOUNT_ID}:cluster/${c.name}`;
  return {
    name: c.name,
    arn,
    createdAt: epoch(c.createdAt),
    version: c.version,
    endpoint: c.endpoint,
    roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/eks-cluster-${c.name}`,
    resourcesVpcConfig: {
      subnetIds: ['subnet-0aaa1111', 'subnet-0bbb2222'],
      securityGroupIds: [],
      clusterSecurityGroupId: 'sg-0fakecluster',
      vpcId: 'vpc-0fake',
      endpointPublicAccess: c.endpointPublicAccess,
      endpointPrivateAccess: c.endpointPrivateAccess,
      publicAccessCidrs: c.publicAccessCidrs,
    },
    kubernetesNetworkConfig: { serviceIpv4Cidr: '172.20.0.0/16', ipFamily: 'ipv4' },
    logging: { clusterLogging: [{ types: ['api', 'audit'], enabled: true }] },
    identity: { oidc: { issuer: `https://oidc.eks.${c.region}.amazonaws.com/id/${c.name.toUpperCase()}` } },
    status: c.status,
    certificateAuthority: { data: Buffer.from(`fake CA for ${c.name}`).toString('base64') },
    platformVersion: c.platformVersion,
    tags: { team: 'platform' },
    accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
  };
}

function nodegroupJson(c: EksCluster, ng: EksNodegroup) {
  return {
    nodegroupName: ng.name,
    nodegroupArn: `arn:aws:eks:${c.region}:${ACCOUNT_ID}:nodegroup/${c.name}/${ng.name}/fake-uuid`,
    clusterName: c.name,
    version: ng.version,
    releaseVersion: `${ng.version}.0-20240601`,
    createdAt: epoch(c.createdAt),
    modifiedAt: epoch(c.createdAt),
    status: ng.status,
    capacityType: ng.capacityType,
    scalingConfig: ng.scaling,
    instanceTypes: ng.instanceTypes,
    subnets: ['subnet-0aaa1111', 'subnet-0bbb2222'],
    amiType: 'AL2023_x86_64_STANDARD',
    nodeRole: `arn:aws:iam::${ACCOUNT_ID}:role/eks-node-${c.name}`,
    labels: {},
    health: {
      issues: ng.healthIssues.map((i) => ({
        code: i.code,
        message: i.message,
        resourceIds: ['eks-fake-asg'],
      })),
    },
    diskSize: 20,
    tags: {},
    resources: { autoScalingGroups: [{ name: nodegroupAsg(c.name, ng.name) }] },
  };
}

/** Offset paging shared by both list operations; tokens are opaque to the client. */
function page<T>(
  items: T[],
  request: ServiceRequest,
  cap: number,
): { items: T[]; nextToken?: string } | AwsError {
  const max = Number(request.params.get('maxResults') ?? '100');
  if (!Number.isInteger(max) || max < 1 || max > 100) {
    return {
      code: 'InvalidParameterException',
      status: 400,
      message: 'maxResults must be between 1 and 100.',
    };
  }
  const token = request.params.get('nextToken');
  const start =
    token === null ? 0 : Number(Buffer.from(token, 'base64url').toString().replace('eks-page:', ''));
  const slice = items.slice(start, start + Math.min(max, cap));
  const next = start + slice.length;
  return next < items.length
    ? { items: slice, nextToken: Buffer.from(`eks-page:${next}`).toString('base64url') }
    : { items: slice };
}

function notFound(message: string, request: ServiceRequest): FakeResponse {
  return restJsonErrorResponse(
    { code: 'ResourceNotFoundException', status: 404, message },
    request.requestId,
  );
}

function route(
  request: ServiceRequest,
): { operation: string; cluster?: string; nodegroup?: string } | undefined {
  if (request.method !== 'GET') return undefined;
  const parts = request.url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'clusters') return undefined;
  if (parts.length === 1) return { operation: 'ListClusters' };
  if (parts.length === 2) return { operation: 'DescribeCluster', cluster: parts[1] };
  if (parts[2] !== 'node-groups') return undefined;
  if (parts.length === 3) return { operation: 'ListNodegroups', cluster: parts[1] };
  if (parts.length === 4) return { operation: 'DescribeNodegroup', cluster: parts[1], nodegroup: parts[3] };
  return undefined;
}

function handle(request: ServiceRequest, state: FakeState): FakeResponse {
  const target = route(request)!;
  const clusters = state.fixtures.eks[request.region] ?? [];
  if (target.operation === 'ListClusters') {
    const result = page(
      clusters.map((c) => c.name),
      request,
      state.pageSizes.eks,
    );
    if ('code' in result) return restJsonErrorResponse(result, request.requestId);
    return jsonResponse({ clusters: result.items, nextToken: result.nextToken ?? null }, request.requestId);
  }
  const cluster = clusters.find((c) => c.name === target.cluster);
  if (!cluster) return notFound(`No cluster found for name: ${target.cluster}.`, request);
  if (target.operation === 'DescribeCluster')
    return jsonResponse({ cluster: clusterJson(cluster) }, request.requestId);
  if (target.operation === 'ListNodegroups') {
    const result = page(
      cluster.nodegroups.map((n) => n.name),
      request,
      state.pageSizes.eks,
    );
    if ('code' in result) return restJsonErrorResponse(result, request.requestId);
    return jsonResponse({ nodegroups: result.items, nextToken: result.nextToken ?? null }, request.requestId);
  }
  const nodegroup = cluster.nodegroups.find((n) => n.name === target.nodegroup);
  if (!nodegroup) return notFound(`No node group found for name: ${target.nodegroup}.`, request);
  return jsonResponse({ nodegroup: nodegroupJson(cluster, nodegroup) }, request.requestId);
}

export const eksFake: ServiceFake = {
  operation: (request) => route(request)?.operation,
  handle: (_operation, request, state) => handle(request, state),
};

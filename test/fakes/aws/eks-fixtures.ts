// EKS fixtures: two clusters in us-east-1 (one with a degraded spot node group, one private), one
// updating cluster in eu-west-1, none in us-west-2.
import { daysAgo } from './days-ago.ts';

export interface EksNodegroup {
  name: string;
  status: string;
  version: string;
  instanceTypes: string[];
  capacityType: 'ON_DEMAND' | 'SPOT';
  scaling: { minSize: number; maxSize: number; desiredSize: number };
  healthIssues: { code: string; message: string }[];
}

export interface EksCluster {
  name: string;
  region: string;
  version: string;
  status: string;
  endpoint: string;
  endpointPublicAccess: boolean;
  endpointPrivateAccess: boolean;
  publicAccessCidrs: string[];
  platformVersion: string;
  createdAt: Date;
  nodegroups: EksNodegroup[];
}

/** The Auto Scaling group EKS creates for a managed node group (CloudWatch's AutoScalingGroupName). */
export const nodegroupAsg = (cluster: string, nodegroup: string) => `eks-${nodegroup}-${cluster}-fake-uuid`;

function nodegroup(name: string, version: string, extra: Partial<EksNodegroup> = {}): EksNodegroup {
  return {
    name,
    status: 'ACTIVE',
    version,
    instanceTypes: ['m5.large'],
    capacityType: 'ON_DEMAND',
    scaling: { minSize: 2, maxSize: 6, desiredSize: 3 },
    healthIssues: [],
    ...extra,
  };
}

function eksCluster(name: string, region: string, extra: Partial<EksCluster>): EksCluster {
  const host = `${name.replaceAll('-', '').toUpperCase().padEnd(32, '0').slice(0, 32)}.gr7.${region}.eks.amazonaws.com`;
  return {
    name,
    region,
    version: '1.30',
    status: 'ACTIVE',
    endpoint: `https://${host}`,
    endpointPublicAccess: true,
    endpointPrivateAccess: true,
    publicAccessCidrs: ['0.0.0.0/0'],
    platformVersion: 'eks.8',
    createdAt: daysAgo(500),
    nodegroups: [],
    ...extra,
  };
}

export function eksFixtures(): Record<string, EksCluster[]> {
  return {
    'us-east-1': [
      eksCluster('prod-use1', 'us-east-1', {
        publicAccessCidrs: ['203.0.113.0/24'],
        nodegroups: [
          nodegroup('general', '1.30'),
          nodegroup('spot-batch', '1.29', {
            status: 'DEGRADED',
            capacityType: 'SPOT',
            instanceTypes: ['c5.xlarge', 'c5a.xlarge'],
            scaling: { minSize: 0, maxSize: 20, desiredSize: 4 },
            healthIssues: [
              { code: 'AsgInstanceLaunchFailures', message: 'Could not launch Spot Instances.' },
            ],
          }),
        ],
      }),
      eksCluster('staging-use1', 'us-east-1', {
        version: '1.29',
        endpointPublicAccess: false,
        publicAccessCidrs: [],
        platformVersion: 'eks.12',
        nodegroups: [nodegroup('default', '1.29', { instanceTypes: ['t3.large'] })],
      }),
    ],
    'eu-west-1': [
      eksCluster('prod-euw1', 'eu-west-1', {
        status: 'UPDATING',
        endpointPrivateAccess: false,
        nodegroups: [nodegroup('general', '1.30')],
      }),
    ],
  };
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useAwsCoreHarness, writeKubeconfig } from '../test-harness.js';

const aws = useAwsCoreHarness();
let dir: string;
let prodEndpoint: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aws-core-eks-'));
  prodEndpoint = aws.fake.fixtures.eks['us-east-1']![0]!.endpoint;
});

async function withKubeconfig(
  server: string,
  options: { cluster?: string; args?: string[]; current?: string } = {},
) {
  const path = writeKubeconfig(
    dir,
    [
      { context: 'prod', cluster: options.cluster ?? 'prod-cluster', server, args: options.args ?? [] },
      { context: 'kind', cluster: 'kind-kind', server: 'https://127.0.0.1:6443' },
    ],
    options.current ?? 'prod',
  );
  await aws.restart({ env: { KUBECONFIG: path } });
}

describe('list_eks_clusters', () => {
  it('lists clusters with version, status, endpoint access and node groups, and finds the kube context by endpoint', async () => {
    await withKubeconfig(`${prodEndpoint}/`);
    const { text, isError } = await aws.call('list_eks_clusters');
    expect(isError).toBe(false);
    const lines = text.split('\n');
    expect(lines[0]).toBe('2 EKS cluster(s) in us-east-1');
    expect(lines[1]).toMatch(/^NAME\s+VERSION\s+STATUS\s+ENDPOINT-ACCESS\s+NODEGROUPS\s+AGE\s+KUBE-CONTEXT$/);
    expect(text).toMatch(
      /^prod-use1\s+1\.30\s+ACTIVE\s+public \(203\.0\.113\.0\/24\) \+ private\s+2\s+500d\s+\* prod$/m,
    );
    expect(text).toMatch(/^staging-use1\s+1\.29\s+ACTIVE\s+private\s+1\s+500d$/m);
    expect(lines.at(-1)).toBe('Kube context "prod" is cluster prod-use1 (matched by endpoint).');
  });

  it('follows nextToken through ListClusters and ListNodegroups pages', async () => {
    await withKubeconfig(prodEndpoint);
    aws.fake.state.pageSizes.eks = 1;
    const { text } = await aws.call('list_eks_clusters');
    expect(text.split('\n')[0]).toBe('2 EKS cluster(s) in us-east-1');
    expect(text).toMatch(/^prod-use1\s+1\.30\s+ACTIVE\s+.*\s+2\s+500d/m);
    expect(aws.fake.count('eks', 'ListClusters')).toBe(2);
    expect(aws.fake.count('eks', 'ListNodegroups')).toBe(3);
  });

  it('shows "?" for a node group count it may not read, instead of failing', async () => {
    await withKubeconfig(prodEndpoint);
    aws.fake.fail({ service: 'eks', operation: 'ListNodegroups', kind: 'accessDenied', times: 1 });
    const { text, isError } = await aws.call('list_eks_clusters');
    expect(isError).toBe(false);
    expect(text).toMatch(/^\S+\s+1\.\d+\s+ACTIVE\s+.*\s+\?\s+500d/m);
  });

  it('matches by the cluster ARN that aws eks update-kubeconfig writes', async () => {
    await withKubeconfig('https://somewhere.example', {
      cluster: 'arn:aws:eks:eu-west-1:123456789012:cluster/prod-euw1',
    });
    const { text } = await aws.call('list_eks_clusters', { region: 'eu-west-1' });
    expect(text).toMatch(/^prod-euw1\s+1\.30\s+UPDATING\s+public\s+1\s+500d\s+\* prod$/m);
    expect(text).toContain('(matched by arn)');
  });

  it('matches by the exec args of aws eks get-token, and only in the right region', async () => {
    const args = ['eks', 'get-token', '--cluster-name', 'staging-use1', '--region', 'us-east-1'];
    await withKubeconfig('https://other.example', { args });
    const { text } = await aws.call('list_eks_clusters');
    expect(text).toContain('Kube context "prod" is cluster staging-use1 (matched by exec).');
    const elsewhere = await aws.call('list_eks_clusters', { region: 'eu-west-1' });
    expect(elsewhere.text).toContain(
      'Kube context "prod" (https://other.example) is none of these clusters.',
    );
  });

  it('honours KUBE_CONTEXT, and still lists when there is no kubeconfig', async () => {
    const path = writeKubeconfig(dir, [{ context: 'prod', cluster: 'c', server: prodEndpoint }], 'missing');
    await aws.restart({ env: { KUBECONFIG: path, KUBE_CONTEXT: 'prod' } });
    expect((await aws.call('list_eks_clusters')).text).toContain('(matched by endpoint)');
    await aws.restart({ env: { KUBECONFIG: join(dir, 'nope.yaml') } });
    const { text } = await aws.call('list_eks_clusters', { region: 'us-west-2' });
    expect(text).toBe(
      `No EKS clusters in us-west-2. Other regions: pass region (list_aws_regions lists the enabled ones).\nKube context: unknown (no kubeconfig at ${join(dir, 'nope.yaml')}).`,
    );
  });
});

describe('describe_eks_cluster', () => {
  it('shows the cluster, each node group, version skew, and health issues fenced as data', async () => {
    await withKubeconfig(prodEndpoint);
    const { text, isError } = await aws.call('describe_eks_cluster', { name: 'prod-use1' });
    expect(isError).toBe(false);
    expect(text).toMatch(
      /^EKS cluster prod-use1 \(us-east-1\): ACTIVE, Kubernetes 1\.30 \(platform eks\.8\), age 500d$/m,
    );
    expect(text).toContain('ARN:       arn:aws:eks:us-east-1:123456789012:cluster/prod-use1');
    expect(text).toContain(`Endpoint:  ${prodEndpoint} (access: public (203.0.113.0/24) + private)`);
    expect(text).toContain('Kube context "prod" is cluster prod-use1 (matched by endpoint).');
    expect(text).toContain('Version skew: node group(s) spot-batch are not on 1.30.');
    expect(text).toMatch(/^general\s+ACTIVE\s+1\.30\s+ON_DEMAND\s+m5\.large\s+3\s+2\s+6$/m);
    expect(text).toMatch(/^spot-batch\s+DEGRADED\s+1\.29\s+SPOT\s+c5\.xlarge,c5a\.xlarge\s+4\s+0\s+20$/m);
    expect(text).toMatch(
      /<untrusted-data id="\w+" source="EKS node group health of prod-use1">\n.*\nspot-batch: AsgInstanceLaunchFailures: Could not launch Spot Instances\.\n<\/untrusted-data/,
    );
    expect(aws.fake.count('eks', 'DescribeNodegroup')).toBe(2);
  });

  it('says which cluster the kube context is when it is another one', async () => {
    await withKubeconfig(prodEndpoint);
    const { text } = await aws.call('describe_eks_cluster', { name: 'staging-use1' });
    expect(text).toContain(`Kube context "prod" (${prodEndpoint}) is none of these clusters.`);
    expect(text).not.toContain('untrusted-data');
  });

  it('suggests the clusters that exist when the name is wrong', async () => {
    await withKubeconfig(prodEndpoint);
    const { text, isError } = await aws.call('describe_eks_cluster', { name: 'prod' });
    expect(isError).toBe(true);
    expect(text).toBe(
      'EKS cluster "prod" not found in us-east-1. Did you mean "prod-use1"? Clusters in us-east-1: prod-use1, staging-use1. Another region? Pass region, or call list_eks_clusters.',
    );
  });

  it('returns cluster and node groups as JSON when asked', async () => {
    await withKubeconfig(prodEndpoint);
    const { json } = await aws.call('describe_eks_cluster', {
      name: 'prod-euw1',
      region: 'eu-west-1',
      output: 'json',
    });
    const parsed = JSON.parse(json) as { cluster: { status: string }; nodegroups: { name: string }[] };
    expect(parsed.cluster.status).toBe('UPDATING');
    expect(parsed.nodegroups.map((n) => n.name)).toEqual(['general']);
  });
});

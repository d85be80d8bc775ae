import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchEksCluster, readKubeContext } from './kube-context.js';

const dir = mkdtempSync(join(tmpdir(), 'kube-context-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const eksArn = 'arn:aws:eks:us-east-1:123456789012:cluster/prod';
const jsonConfig = JSON.stringify({
  'current-context': 'prod',
  contexts: [{ name: 'prod', context: { cluster: eksArn, user: 'prod-user' } }],
  clusters: [{ name: eksArn, cluster: { server: 'https://ABC.gr7.us-east-1.eks.amazonaws.com' } }],
  users: [
    {
      name: 'prod-user',
      user: {
        exec: {
          command: 'aws',
          args: ['--region', 'us-east-1', 'eks', 'get-token', '--cluster-name', 'prod'],
        },
      },
    },
  ],
});

describe('readKubeContext', () => {
  it('reads a JSON kubeconfig: context, cluster entry, server and exec args', async () => {
    const lookup = await readKubeContext({
      kubeconfigPath: write('json.config', jsonConfig),
      context: undefined,
    });
    expect(lookup).toEqual({
      status: 'ok',
      ref: {
        context: 'prod',
        cluster: eksArn,
        server: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
        execClusterName: 'prod',
        execRegion: 'us-east-1',
      },
    });
  });

  it('merges KUBECONFIG files like kubectl: the first current-context and the first entry of a name win', async () => {
    const first = write(
      'a.yaml',
      'current-context: dev\ncontexts:\n- name: dev\n  context: {cluster: dev, user: u}\n',
    );
    const second = write(
      'b.yaml',
      'current-context: other\nclusters:\n- name: dev\n  cluster: {server: "https://dev.example"}\n',
    );
    const lookup = await readKubeContext({
      kubeconfigPath: [first, join(dir, 'missing'), second].join(delimiter),
      context: undefined,
    });
    expect(lookup).toMatchObject({ status: 'ok', ref: { context: 'dev', server: 'https://dev.example' } });
  });

  it('says why when it cannot tell', async () => {
    const broken = write('broken.yaml', 'contexts: [unclosed');
    expect(await readKubeContext({ kubeconfigPath: broken, context: undefined })).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining('could not read the kubeconfig'),
    });
    const json = write('ctx.json', jsonConfig);
    expect(await readKubeContext({ kubeconfigPath: json, context: 'staging' })).toEqual({
      status: 'unavailable',
      reason: 'context "staging" is not in the kubeconfig',
    });
  });
  it('reads a hand-mangled kubeconfig without throwing: odd shapes count as absent', async () => {
    const mangled = write(
      'mangled.yaml',
      [
        'current-context: prod',
        'contexts: {prod: {cluster: prod}}',
        'clusters: [null, {name: prod, cluster: {server: 443}}]',
      ].join('\n'),
    );
    expect(await readKubeContext({ kubeconfigPath: mangled, context: undefined })).toEqual({
      status: 'unavailable',
      reason: 'context "prod" is not in the kubeconfig',
    });
    const odd = write(
      'odd.yaml',
      [
        'current-context: prod',
        'contexts: [{name: prod, context: {cluster: prod, user: u}}]',
        'clusters: [null, {name: prod, cluster: {server: 443}}]',
        'users: [{name: u, user: {exec: {args: "--cluster-name prod"}}}]',
      ].join('\n'),
    );
    expect(await readKubeContext({ kubeconfigPath: odd, context: undefined })).toEqual({
      status: 'ok',
      ref: {
        context: 'prod',
        cluster: 'prod',
        server: undefined,
        execClusterName: undefined,
        execRegion: undefined,
      },
    });
  });
});

describe('matchEksCluster', () => {
  const ref = {
    context: 'c',
    cluster: 'x',
    server: undefined,
    execClusterName: undefined,
    execRegion: undefined,
  };
  const cluster = {
    name: 'prod',
    region: 'us-east-1',
    arn: eksArn,
    endpoint: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
  };

  it('matches the endpoint regardless of case, trailing slash or :443', () => {
    expect(
      matchEksCluster({ ...ref, server: 'https://abc.gr7.us-east-1.eks.amazonaws.com:443/' }, cluster),
    ).toBe('endpoint');
  });

  it('matches the ARN, then the exec args, and nothing else', () => {
    expect(matchEksCluster({ ...ref, cluster: eksArn }, cluster)).toBe('arn');
    expect(matchEksCluster({ ...ref, execClusterName: 'prod' }, cluster)).toBe('exec');
    expect(
      matchEksCluster({ ...ref, execClusterName: 'prod', execRegion: 'eu-west-1' }, cluster),
    ).toBeUndefined();
    expect(matchEksCluster({ ...ref, server: 'https://127.0.0.1:6443' }, cluster)).toBeUndefined();
  });
});

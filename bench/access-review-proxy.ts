// A pass-through in front of the fake API server that also answers SelfSubjectAccessReviews (allowed),
// for the Go kubernetes-mcp-server: before a cluster-wide list it asks "can I list pods in all
// namespaces?" (its REST mapper must find authorization.k8s.io in discovery first) and, without a
// yes, lists only the kubeconfig's namespace. The fake enforces no RBAC, so yes is its truth.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

const group = 'authorization.k8s.io';
const groupVersion = { groupVersion: `${group}/v1`, version: 'v1' };
const documents: Record<string, unknown> = {
  [`/apis/${group}`]: {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: group,
    versions: [groupVersion],
    preferredVersion: groupVersion,
  },
  [`/apis/${group}/v1`]: {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion.groupVersion,
    resources: [
      {
        name: 'selfsubjectaccessreviews',
        singularName: 'selfsubjectaccessreview',
        namespaced: false,
        kind: 'SelfSubjectAccessReview',
        verbs: ['create'],
      },
    ],
  },
  [`/apis/${group}/v1/selfsubjectaccessreviews`]: {
    kind: 'SelfSubjectAccessReview',
    apiVersion: groupVersion.groupVersion,
    metadata: {},
    spec: {},
    status: { allowed: true },
  },
};

export async function startAccessReviewProxy(
  upstream: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(upstream);
  const server = createServer((incoming, outgoing) => {
    const path = new URL(incoming.url ?? '/', 'http://proxy').pathname;
    const document = documents[path];
    if (document) {
      incoming.resume();
      outgoing.writeHead(incoming.method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json' });
      outgoing.end(JSON.stringify(document));
      return;
    }
    const forward = request(
      {
        host: target.hostname,
        port: target.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        if (path !== '/apis') {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const list = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { groups: unknown[] };
          list.groups.push(documents[`/apis/${group}`]);
          outgoing.writeHead(200, { 'Content-Type': 'application/json' });
          outgoing.end(JSON.stringify(list));
        });
      },
    );
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeKubeApiServer } from './index.ts';
import { defaultFixtures, startKubeApiServer } from './index.ts';
import { evalJsonPath } from './table.ts';

const now = new Date('2026-03-01T12:00:00Z');
const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
let server: FakeKubeApiServer;

beforeAll(async () => {
  server = await startKubeApiServer({ ...defaultFixtures(now), now: () => now });
});
afterAll(() => server.close());

const get = async (path: string, accept = 'application/json') => {
  const response = await fetch(`${server.url}${path}`, { headers: { Accept: accept } });
  // biome-ignore lint/suspicious/noExplicitAny: wire JSON, narrowed by the assertions
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe('custom resources and Tables', () => {
  it('lists the CRD group in discovery with short names, scope and categories', async () => {
    const groups = await get('/apis');
    expect(groups.body.groups.map((g: { name: string }) => g.name)).toContain('cert-manager.io');
    const { body } = await get('/apis/cert-manager.io/v1');
    expect(body.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'certificates',
          kind: 'Certificate',
          namespaced: true,
          shortNames: ['cert', 'certs'],
        }),
        expect.objectContaining({ name: 'clusterissuers', kind: 'ClusterIssuer', namespaced: false }),
      ]),
    );
  });

  it('answers a list as a Table with the CRD printer columns, ages rendered, object metadata attached', async () => {
    const { body } = await get('/apis/cert-manager.io/v1/namespaces/payments/certificates', tableAccept);
    expect(body.kind).toBe('Table');
    expect(body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual([
      'Name',
      'Ready',
      'Secret',
      'Issuer',
      'Status',
      'Age',
    ]);
    expect(body.rows.map((r: { cells: unknown[] }) => r.cells.slice(0, 3))).toEqual([
      ['checkout-tls', 'True', 'checkout-tls'],
      ['ledger-tls', 'False', 'ledger-tls'],
    ]);
    expect(body.rows[0].cells.at(-1)).toBe('30d');
    expect(body.rows[1].object.metadata).toMatchObject({ name: 'ledger-tls', namespace: 'payments' });
  });

  it('serves cluster-scoped custom resources, and plain JSON without the Table accept', async () => {
    const table = await get('/apis/cert-manager.io/v1/clusterissuers', tableAccept);
    expect(table.body.rows[0].cells).toEqual(['letsencrypt-prod', 'True', '40d']);
    const plain = await get('/apis/cert-manager.io/v1/clusterissuers/letsencrypt-prod');
    expect(plain.body).toMatchObject({ kind: 'ClusterIssuer', spec: { acme: { email: 'sre@example.com' } } });
  });

  it('prints built-in kinds as kubectl does, and others with Name and Created At', async () => {
    const pods = await get('/api/v1/namespaces/payments/pods?limit=2', tableAccept);
    expect(pods.body.columnDefinitions.slice(0, 5).map((c: { name: string }) => c.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
    ]);
    expect(pods.body.rows).toHaveLength(2);
    expect(pods.body.metadata.continue).toEqual(expect.any(String));
    const maps = await get('/api/v1/namespaces/payments/configmaps', tableAccept);
    expect(maps.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Created At']);
  });
});

describe('evalJsonPath', () => {
  it('follows fields, indexes and equality filters, and gives null for a miss', () => {
    const object = {
      status: {
        conditions: [
          { type: 'A', status: 'x' },
          { type: 'Ready', status: 'True' },
        ],
      },
    };
    expect(evalJsonPath(object, '.status.conditions[?(@.type=="Ready")].status')).toBe('True');
    expect(evalJsonPath(object, '.status.conditions[0].type')).toBe('A');
    expect(evalJsonPath(object, '.spec.missing')).toBeNull();
  });
});

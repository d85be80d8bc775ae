import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWireFaults } from './wire-faults.ts';

const body = JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => ({ name: `pod-${i}` })) });
const wire = createWireFaults((status) => ({ contentType: 'application/json', body: `{"code":${status}}` }));
const server = createServer(
  wire.wrap((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
  }),
);
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => wire.clear());
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('wire faults', () => {
  it('answers a burst of 503s with the fake’s error body and Retry-After, then recovers', async () => {
    wire.inject({ kind: 'status', status: 503, times: 2, retryAfterSeconds: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${url}/x`);
      statuses.push([response.status, response.headers.get('retry-after'), await response.text()]);
    }
    expect(statuses).toEqual([
      [503, '2', '{"code":503}'],
      [503, '2', '{"code":503}'],
      [200, null, body],
    ]);
  });

  it('matches on the URL, adds latency, and counts hits', async () => {
    wire.inject({ kind: 'latency', ms: 150, pathIncludes: '/slow' });
    const started = performance.now();
    await (await fetch(`${url}/fast`)).text();
    const fast = performance.now() - started;
    await (await fetch(`${url}/slow?x=1`)).text();
    expect(fast).toBeLessThan(140);
    expect(performance.now() - started - fast).toBeGreaterThanOrEqual(140);
    expect(wire.hits()).toBeGreaterThanOrEqual(1);
  });

  it('truncates the body to a complete response that is not valid JSON', async () => {
    wire.inject({ kind: 'truncate' });
    const response = await fetch(url);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toBe(body.slice(0, Math.floor(body.length / 2)));
    expect(() => JSON.parse(text)).toThrow();
  });

  it('resets the connection mid-body', async () => {
    wire.inject({ kind: 'reset' });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('stalls mid-body until cleared, without closing the connection', async () => {
    wire.inject({ kind: 'stall' });
    const response = await fetch(url);
    const read = response.text().then(
      () => 'ended',
      () => 'destroyed',
    );
    const first = await Promise.race([
      read,
      new Promise((resolve) => setTimeout(() => resolve('stalled'), 200)),
    ]);
    expect(first).toBe('stalled');
    wire.clear();
    expect(await read).toBe('destroyed');
  });
});

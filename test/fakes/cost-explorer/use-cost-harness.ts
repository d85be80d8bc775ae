/**
 * The lifecycle every tool test file shares: one harness per file, started before the first test,
 * closed after the last, with the fake's request log cleared before each test so every test
 * counts only its own billed requests. Kept apart from mcp-harness.ts, which the benchmark loads
 * outside vitest.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type CostHarness, type CostHarnessOptions, startCostHarness } from './mcp-harness.ts';

export function useCostHarness(options: CostHarnessOptions = {}): CostHarness {
  let started: CostHarness | undefined;
  beforeAll(async () => {
    started = await startCostHarness(options);
  });
  afterAll(() => started?.close());
  beforeEach(() => started?.fake.resetRequests());
  const harness = () => {
    if (!started) throw new Error('useCostHarness: the harness starts in beforeAll');
    return started;
  };
  return {
    get fake() {
      return harness().fake;
    },
    get client() {
      return harness().client;
    },
    get now() {
      return harness().now;
    },
    get logs() {
      return harness().logs;
    },
    call: (name, args) => harness().call(name, args),
    close: () => harness().close(),
  };
}

import { describe, expect, it } from 'vitest';
import { useCostHarness } from '../../../test/fakes/cost-explorer/use-cost-harness.ts';

const h = useCostHarness();

const TOOLS = [
  'get_current_date_info',
  'get_cost_and_usage',
  'get_cost_by_service',
  'get_cost_by_account',
  'get_cost_by_tag',
  'compare_costs',
  'get_cost_trend',
  'get_daily_cost_stats',
  'get_cost_forecast',
  'get_cost_anomalies',
  'get_savings_plans_coverage',
  'get_reservation_coverage',
  'get_rightsizing_recommendations',
  'list_dimension_values',
  'list_tag_values',
];

/** A contract like the k8s server's: 25 kB before the descriptions were cut to what a model needs. */
const TOOLS_LIST_CAP_BYTES = 16_500;

describe('the cost server', () => {
  it('lists every tool as read-only, idempotent, with every argument described', async () => {
    const { tools } = await h.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(TOOLS);
    for (const tool of tools) {
      // tools/list sends only readOnlyHint for a read-only tool (the rest mean nothing there).
      expect(tool.annotations).toMatchObject({ readOnlyHint: true });
      expect(tool.annotations).not.toHaveProperty('destructiveHint');
      const properties = (tool.inputSchema.properties ?? {}) as Record<string, { description?: string }>;
      for (const [name, schema] of Object.entries(properties)) {
        expect(schema.description, `${tool.name}.${name}`).toBeTruthy();
      }
    }
  });

  it(`keeps tools/list under ${TOOLS_LIST_CAP_BYTES} bytes, sent to the model on every turn`, async () => {
    const listed = await h.client.listTools();
    expect(Buffer.byteLength(JSON.stringify(listed))).toBeLessThanOrEqual(TOOLS_LIST_CAP_BYTES);
  });

  it('still rejects a malformed period or grouping with the forms that would be right', async () => {
    // The schemas carry no regex pattern (to keep tools/list small); the refinements still check.
    const period = await h.call('get_cost_by_service', { period: 'june' });
    expect(period.isError).toBe(true);
    expect(period.text).toMatch(/use one of this_month, .*a month like 2025-03.* at period/);
    const group = await h.call('compare_costs', { group_by: 'team' });
    expect(group.isError).toBe(true);
    expect(group.text).toMatch(/use SERVICE, .*tag:<key>.* at group_by/);
    const services = await h.call('get_daily_cost_stats', { include_services: [''] });
    expect(services.text).toMatch(/1 to 256 characters at include_services/);
    expect(h.fake.requestCount()).toBe(0);
  });

  it('tells the model how to use it cheaply', () => {
    const instructions = h.client.getInstructions() ?? '';
    expect(instructions).toMatch(/get_current_date_info first/);
    expect(instructions).toMatch(/\$0\.01/);
  });

  it('answers date questions without a request', async () => {
    const out = await h.call('get_current_date_info');
    expect(out.text).toContain('Today (UTC): 2025-06-18, Wednesday');
    expect(out.text).toContain('This month: 2025-06-01 to 2025-06-30 (day 18 of 30');
    expect(out.text).toContain('Last month: 2025-05-01 to 2025-05-31');
    expect(out.text).toMatch(/last_30_days\s+2025-05-19\s+2025-06-17\s+30/);
    expect(h.fake.requestCount()).toBe(0);
  });

  it('reports billed requests and cache hits in every Cost Explorer result', async () => {
    const calls: [string, Record<string, unknown>][] = [
      ['get_cost_and_usage', {}],
      ['get_cost_by_service', {}],
      ['get_cost_by_account', {}],
      ['get_cost_by_tag', { tag_key: 'team' }],
      ['compare_costs', {}],
      ['get_cost_trend', { chart: false }],
      ['get_daily_cost_stats', {}],
      ['get_cost_forecast', {}],
      ['get_cost_anomalies', {}],
      ['get_savings_plans_coverage', {}],
      ['get_reservation_coverage', {}],
      ['get_rightsizing_recommendations', {}],
      ['list_dimension_values', { dimension: 'REGION' }],
      ['list_tag_values', { tag_key: 'env' }],
    ];
    for (const [name, args] of calls) {
      const out = await h.call(name, args);
      expect(out.isError, `${name}: ${out.text}`).toBe(false);
      expect(out.text, name).toMatch(
        /Cost Explorer: \d+ billed requests? \(\$\d+\.\d\d\), \d+ served from cache\./,
      );
    }
  });
});

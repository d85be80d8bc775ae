// Drives the fake with the real AWS SDK: if the SDK is happy, the wire protocol is right.
import {
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  type ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { describe, expect, it } from 'vitest';
import { compileExpression, formatAmount, sumLedger } from './index.ts';
import { EC2, micros, useFakeWithSdk } from './sdk-harness.ts';

const sdk = useFakeWithSdk();

/** Follows NextPageToken and merges a period split across pages, as a careful caller must. */
async function allPages(
  input: GetCostAndUsageCommandInput,
): Promise<{ results: ResultByTime[]; pages: number }> {
  const byStart = new Map<string, ResultByTime>();
  let token: string | undefined;
  let pages = 0;
  do {
    const out = await sdk.client.send(new GetCostAndUsageCommand({ ...input, NextPageToken: token }));
    pages++;
    for (const r of out.ResultsByTime ?? []) {
      const seen = byStart.get(r.TimePeriod!.Start!);
      if (seen) seen.Groups!.push(...(r.Groups ?? []));
      else byStart.set(r.TimePeriod!.Start!, { ...r, Groups: [...(r.Groups ?? [])] });
    }
    token = out.NextPageToken;
  } while (token);
  return { results: [...byStart.values()], pages };
}

describe('GetCostAndUsage', () => {
  it('returns the ledger total for a month, final for a closed month', async () => {
    const out = await sdk.client.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2025-05-01', End: '2025-06-01' },
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
      }),
    );
    const [result] = out.ResultsByTime ?? [];
    expect(result?.Total?.UnblendedCost?.Amount).toBe(
      formatAmount(sumLedger(sdk.fake.ledger, { start: '2025-05-01', end: '2025-06-01' }), 1e6),
    );
    expect(result?.Total?.UnblendedCost?.Unit).toBe('USD');
    expect(result?.Groups).toEqual([]);
    expect(result?.Estimated).toBe(false);
  });

  it('marks the current month estimated and stops at today', async () => {
    const out = await sdk.client.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2025-06-01', End: '2025-07-01' },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
      }),
    );
    expect(out.ResultsByTime).toHaveLength(18);
    expect(out.ResultsByTime?.every((r) => r.Estimated)).toBe(true);
  });

  it('pages grouped results, leaves Total empty, and every group matches the ledger', async () => {
    const input = {
      TimePeriod: { Start: '2024-06-01', End: '2025-06-01' },
      Granularity: 'MONTHLY' as const,
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'DIMENSION' as const, Key: 'SERVICE' }],
    };
    const { results, pages } = await allPages(input);
    expect(pages).toBeGreaterThan(10);
    expect(sdk.fake.requestCount('GetCostAndUsage')).toBe(pages);
    expect(results).toHaveLength(12);
    expect(results[0]?.Total).toEqual({});
    const june = results[0]!;
    const ec2 = june.Groups?.find((g) => g.Keys?.[0] === EC2);
    expect(micros(ec2?.Metrics?.UnblendedCost?.Amount)).toBe(
      sumLedger(sdk.fake.ledger, {
        start: '2024-06-01',
        end: '2024-07-01',
        where: (r) => r.item.service === EC2,
      }),
    );
    const sum = june.Groups!.reduce((s, g) => s + micros(g.Metrics?.UnblendedCost?.Amount), 0);
    expect(sum).toBe(sumLedger(sdk.fake.ledger, { start: '2024-06-01', end: '2024-07-01' }));
  });

  it('groups by tag with `key$` for untagged and names accounts through DimensionValueAttributes', async () => {
    const { results } = await allPages({
      TimePeriod: { Start: '2025-05-01', End: '2025-06-01' },
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost'],
      GroupBy: [
        { Type: 'TAG', Key: 'team' },
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
      ],
    });
    const keys = results[0]!.Groups!.map((g) => g.Keys![0]);
    expect(keys).toContain('team$');
    expect(keys).toContain('team$payments');
    const out = await sdk.client.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2025-05-01', End: '2025-06-01' },
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
      }),
    );
    expect(out.DimensionValueAttributes).toContainEqual({
      Value: '111111111111',
      Attributes: { description: 'payments-prod' },
    });
  });

  it('applies And/Not/Tags filters, ABSENT matching untagged', async () => {
    const filter = {
      And: [
        { Not: { Dimensions: { Key: 'SERVICE' as const, Values: ['Tax'] } } },
        { Tags: { Key: 'team', MatchOptions: ['ABSENT' as const] } },
      ],
    };
    const out = await sdk.client.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2025-04-01', End: '2025-06-01' },
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost', 'UsageQuantity'],
        Filter: filter,
      }),
    );
    const predicate = compileExpression(filter);
    const expected = sumLedger(sdk.fake.ledger, {
      start: '2025-04-01',
      end: '2025-05-01',
      where: (r) => predicate(r.item),
    });
    expect(expected).toBeGreaterThan(0);
    expect(micros(out.ResultsByTime?.[0]?.Total?.UnblendedCost?.Amount)).toBe(expected);
    expect(out.ResultsByTime?.[0]?.Total?.UsageQuantity?.Unit).toBe('N/A');
  });

  it('serves hourly data only within 14 days and in timestamp format', async () => {
    const out = await sdk.client.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2025-06-17T00:00:00Z', End: '2025-06-18T00:00:00Z' },
        Granularity: 'HOURLY',
        Metrics: ['UnblendedCost'],
      }),
    );
    expect(out.ResultsByTime).toHaveLength(24);
    const sum = out.ResultsByTime!.reduce((s, r) => s + micros(r.Total?.UnblendedCost?.Amount), 0);
    expect(sum).toBe(sumLedger(sdk.fake.ledger, { start: '2025-06-17', end: '2025-06-18' }));
    await expect(
      sdk.client.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: '2025-05-01T00:00:00Z', End: '2025-05-02T00:00:00Z' },
          Granularity: 'HOURLY',
          Metrics: ['UnblendedCost'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('refuses reversed periods, starts beyond 14 months, three group-bys and changed page requests', async () => {
    const base = { Granularity: 'MONTHLY' as const, Metrics: ['UnblendedCost'] };
    const send = (input: Partial<GetCostAndUsageCommandInput>) =>
      sdk.client.send(
        new GetCostAndUsageCommand({
          ...base,
          TimePeriod: { Start: '2025-05-01', End: '2025-06-01' },
          ...input,
        }),
      );
    await expect(send({ TimePeriod: { Start: '2025-06-01', End: '2025-05-01' } })).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(send({ TimePeriod: { Start: '2024-04-01', End: '2025-05-01' } })).rejects.toThrow(
      /14-month/,
    );
    const three = ['SERVICE', 'REGION', 'LINKED_ACCOUNT'].map((Key) => ({ Type: 'DIMENSION' as const, Key }));
    await expect(send({ GroupBy: three })).rejects.toMatchObject({ name: 'ValidationException' });
    const first = await send({ GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] });
    await expect(
      send({ GroupBy: [{ Type: 'DIMENSION', Key: 'REGION' }], NextPageToken: first.NextPageToken }),
    ).rejects.toMatchObject({
      name: 'RequestChangedException',
    });
  });
});

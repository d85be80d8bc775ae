import { inflateSync } from 'node:zlib';
import { pngChunks as chunks, type RgbTuple as Rgb, readPng } from '@sre-agent/aws-shared';
import { describe, expect, it } from 'vitest';
import { formatCompact, renderTrendChart } from './trend-chart.js';

describe('renderTrendChart', () => {
  const input = {
    title: 'Monthly cost trend',
    months: [
      { label: 'APR', year: '25', partial: false },
      { label: 'MAY', year: '25', partial: false },
      { label: 'JUN', year: '25', partial: true },
    ],
    series: [
      { label: 'Amazon Elastic Compute Cloud - Compute', values: [100, 120, 60] },
      { label: 'Other (3)', values: [50, 55, 30] },
    ],
    unit: 'USD',
  };

  it('writes a valid PNG: signature, checksummed chunks, and pixel data of the declared size', () => {
    const png = renderTrendChart(input);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const list = chunks(png);
    expect(list.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(list.every((c) => c.crcOk)).toBe(true);
    const width = list[0]!.data.readUInt32BE(0);
    const height = list[0]!.data.readUInt32BE(4);
    expect(inflateSync(list[1]!.data).length).toBe((width * 3 + 1) * height);
  });

  it('draws something: the bars are not background', () => {
    const png = renderTrendChart(input);
    const raw = inflateSync(chunks(png)[1]!.data);
    const colours = new Set<string>();
    for (let i = 0; i < raw.length - 3; i += 3) colours.add(`${raw[i]},${raw[i + 1]},${raw[i + 2]}`);
    expect(colours.size).toBeGreaterThan(4);
  });

  it('abbreviates axis amounts', () => {
    expect(formatCompact(193_334.93, 'USD')).toBe('$193K');
    expect(formatCompact(50_000, 'USD')).toBe('$50K');
    expect(formatCompact(12_500, 'USD')).toBe('$12.5K');
    expect(formatCompact(1_250_000, 'USD')).toBe('$1.3M');
    expect(formatCompact(950, 'EUR')).toBe('950');
  });

  it('does not let a group below zero (a refund) eat into the bars stacked on it', () => {
    const months = [{ label: 'MAY', year: '25', partial: false }];
    const stack = (credit: number) =>
      renderTrendChart({
        title: 'Refund',
        months,
        series: [
          { label: 'EC2', values: [100] },
          { label: 'Amazon MQ', values: [credit] },
          { label: 'Other', values: [50] },
        ],
        unit: 'USD',
      });
    const ec2Blue: Rgb = [78, 121, 167];
    expect(readPng(stack(-50)).count(ec2Blue)).toBe(readPng(stack(0)).count(ec2Blue));
  });

  it('names a currency the font has no symbol for, under the chart', () => {
    const ink: Rgb = [40, 40, 40];
    const footer = (png: Buffer) => {
      const image = readPng(png);
      return image.count(ink, { x: 0, y: image.height - 16, w: 300, h: 16 });
    };
    expect(footer(renderTrendChart(input))).toBe(0);
    expect(footer(renderTrendChart({ ...input, unit: 'EUR' }))).toBeGreaterThan(0);
  });
});

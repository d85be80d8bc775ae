import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatCompact, renderTrendChart } from './trend-chart.js';

function chunks(png: Buffer) {
  const found: { type: string; data: Buffer; crcOk: boolean }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    const crcOk = png.readUInt32BE(at + 8 + length) === crc32(png.subarray(at + 4, at + 8 + length));
    found.push({ type, data, crcOk });
    at += 12 + length;
  }
  return found;
}

type Rgb = [number, number, number];

/** Pixels of one colour inside a box (default: all), reading scanlines that each start with a filter byte. */
function countColour(
  png: Buffer,
  [r, g, b]: Rgb,
  box?: { x: number; y: number; w: number; h: number },
): number {
  const list = chunks(png);
  const width = list[0]!.data.readUInt32BE(0);
  const height = list[0]!.data.readUInt32BE(4);
  const raw = inflateSync(list[1]!.data);
  const { x: left, y: top, w, h } = box ?? { x: 0, y: 0, w: width, h: height };
  let count = 0;
  for (let row = Math.max(0, top); row < Math.min(height, top + h); row++) {
    for (let x = left; x < Math.min(width, left + w); x++) {
      const at = row * (width * 3 + 1) + 1 + x * 3;
      if (raw[at] === r && raw[at + 1] === g && raw[at + 2] === b) count++;
    }
  }
  return count;
}

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
    expect(countColour(stack(-50), ec2Blue)).toBe(countColour(stack(0), ec2Blue));
  });

  it('names a currency the font has no symbol for, under the chart', () => {
    const ink: Rgb = [40, 40, 40];
    const footer = (png: Buffer) => {
      const height = chunks(png)[0]!.data.readUInt32BE(4);
      return countColour(png, ink, { x: 0, y: height - 16, w: 300, h: 16 });
    };
    expect(footer(renderTrendChart(input))).toBe(0);
    expect(footer(renderTrendChart({ ...input, unit: 'EUR' }))).toBeGreaterThan(0);
  });
});

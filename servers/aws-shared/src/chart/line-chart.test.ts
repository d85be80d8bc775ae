import { describe, expect, it } from 'vitest';
import { formatAxisValue, type LineChartInput, renderLineChart } from './line-chart.js';
import { pngChunks, readPng } from './read-png.js';

const start = Date.parse('2026-12-04T10:00:00Z');
const minute = 60_000;
const points = (values: number[]) => values.map((value, i) => ({ at: start + i * minute, value }));
const ALERT = [214, 39, 40] as const;
const BLUE = [78, 121, 167] as const;

const input: LineChartInput = {
  title: 'web-alb',
  start,
  end: start + 9 * minute,
  panels: [
    {
      title: 'HTTPCode_Target_5XX_Count (Sum, 60s)',
      series: [{ label: '5xx', points: points([0, 0, 1, 0, 0, 40, 42, 45, 41, 39]) }],
      thresholds: [{ value: 10, above: true }],
    },
    { title: 'TargetResponseTime (Average)', series: [{ label: 'p', points: points([0.1, 0.12, 2.8]) }] },
  ],
};

describe('renderLineChart', () => {
  it('writes a valid PNG whose height grows with the panels', () => {
    const png = renderLineChart(input);
    const chunks = pngChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    const one = readPng(renderLineChart({ ...input, panels: input.panels.slice(0, 1) }));
    expect(readPng(png).height).toBeGreaterThan(one.height);
    expect(readPng(png).raw.length).toBe((readPng(png).width * 3 + 1) * readPng(png).height);
  });

  it('draws the series, the threshold and marks the points beyond it', () => {
    const image = readPng(renderLineChart(input));
    expect(image.count(BLUE)).toBeGreaterThan(100);
    const withoutThreshold = readPng(
      renderLineChart({ ...input, panels: [{ ...input.panels[0]!, thresholds: [] }] }),
    );
    expect(withoutThreshold.count(ALERT)).toBe(0);
    // Five points over 10, each a 5x5 mark, plus the dashed line.
    expect(image.count(ALERT)).toBeGreaterThan(5 * 20);
  });

  it('marks points on an inclusive threshold (>=) but not on a strict one', () => {
    const flat = (inclusive: boolean) =>
      readPng(
        renderLineChart({
          ...input,
          panels: [
            {
              title: 'u',
              series: [{ label: 'u', points: points([1, 1]) }],
              thresholds: [{ value: 1, above: true, inclusive }],
            },
          ],
        }),
      ).count(ALERT);
    expect(flat(true)).toBeGreaterThan(flat(false));
  });

  it('copes with an empty panel and a flat series', () => {
    const png = renderLineChart({
      ...input,
      panels: [
        { title: 'no data', series: [] },
        { title: 'flat', series: [{ label: 'x', points: points([3, 3, 3]) }] },
      ],
    });
    expect(readPng(png).count(BLUE)).toBeGreaterThan(0);
  });
});

describe('formatAxisValue', () => {
  it('keeps labels short', () => {
    expect(formatAxisValue(0)).toBe('0');
    expect(formatAxisValue(0.12)).toBe('0.12');
    expect(formatAxisValue(2.5)).toBe('2.5');
    expect(formatAxisValue(950)).toBe('950');
    expect(formatAxisValue(25_000)).toBe('25K');
    expect(formatAxisValue(1_500_000)).toBe('1.5M');
  });
});

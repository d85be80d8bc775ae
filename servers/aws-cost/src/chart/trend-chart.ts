import {
  type Canvas,
  createCanvas,
  encodePng,
  niceStep,
  CHART_PALETTE as PALETTE,
  type Rgb,
  textWidth,
} from '@sre-agent/aws-shared';
import { truncateCodePoints } from '@sre-agent/shared';

export interface TrendMonth {
  /** `JUN` */
  label: string;
  /** `25` */
  year: string;
  /** The current month: partial and estimated, drawn lighter. */
  partial: boolean;
}

export interface TrendChartInput {
  title: string;
  months: TrendMonth[];
  /** Stacked bottom-up; each has one value per month. */
  series: { label: string; values: number[] }[];
  unit: string;
}

const W = 880;
const PLOT = { left: 96, right: W - 24, top: 56, bottom: 360 };
const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [40, 40, 40];
const GRID: Rgb = [225, 225, 225];

const SYMBOL: Record<string, string> = { USD: '$' };

/** `$1.2M`, `$193K`, `$12.5K`, `$950`. */
export function formatCompact(value: number, unit: string): string {
  const symbol = SYMBOL[unit] ?? '';
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  const trim = (text: string) => text.replace(/\.0$/, '');
  if (abs >= 1e6) return `${sign}${symbol}${trim((abs / 1e6).toFixed(abs >= 1e7 ? 0 : 1))}M`;
  if (abs >= 1e3) return `${sign}${symbol}${trim((abs / 1e3).toFixed(abs >= 1e5 ? 0 : 1))}K`;
  return `${sign}${symbol}${abs.toFixed(0)}`;
}

const lighten = (c: Rgb): Rgb =>
  [c[0] + (255 - c[0]) * 0.55, c[1] + (255 - c[1]) * 0.55, c[2] + (255 - c[2]) * 0.55].map(
    Math.round,
  ) as unknown as Rgb;

function drawAxis(canvas: Canvas, top: number, step: number, unit: string): void {
  for (let value = 0; value <= top + step / 2; value += step) {
    const y = Math.round(PLOT.bottom - (value / top) * (PLOT.bottom - PLOT.top));
    canvas.line(PLOT.left, y, PLOT.right, y, GRID);
    const label = formatCompact(value, unit);
    canvas.text(PLOT.left - 10 - textWidth(label, 2), y - 7, label, INK, 2);
  }
  canvas.line(PLOT.left, PLOT.bottom, PLOT.right, PLOT.bottom, INK);
}

function drawBars(canvas: Canvas, input: TrendChartInput, top: number): void {
  const slot = (PLOT.right - PLOT.left) / Math.max(1, input.months.length);
  const barWidth = Math.max(4, Math.floor(slot * 0.7));
  input.months.forEach((month, i) => {
    const x = Math.round(PLOT.left + i * slot + (slot - barWidth) / 2);
    let y = PLOT.bottom;
    input.series.forEach((series, s) => {
      // A group below zero (credits, refunds) cannot be stacked; the net total on top still counts it.
      const height = (Math.max(0, series.values[i] ?? 0) / top) * (PLOT.bottom - PLOT.top);
      const color = PALETTE[s % PALETTE.length]!;
      canvas.fillRect(x, y - height, barWidth, height, month.partial ? lighten(color) : color);
      y -= height;
    });
    const total = input.series.reduce((sum, series) => sum + (series.values[i] ?? 0), 0);
    const label = `${formatCompact(total, input.unit)}${month.partial ? '*' : ''}`;
    const scale = textWidth(label, 2) <= slot - 2 ? 2 : 1;
    canvas.text(
      Math.round(x + barWidth / 2 - textWidth(label, scale) / 2),
      Math.round(y) - 8 * scale - 2,
      label,
      INK,
      scale,
    );
    const monthScale = textWidth(month.label, 2) <= slot - 2 ? 2 : 1;
    canvas.text(
      Math.round(x + barWidth / 2 - textWidth(month.label, monthScale) / 2),
      PLOT.bottom + 8,
      month.label,
      INK,
      monthScale,
    );
    canvas.text(
      Math.round(x + barWidth / 2 - textWidth(month.year, 1) / 2),
      PLOT.bottom + 26,
      month.year,
      INK,
      1,
    );
  });
}

const hasLegend = (input: TrendChartInput) =>
  !(input.series.length === 1 && input.series[0]?.label === 'Total');

function drawLegend(canvas: Canvas, input: TrendChartInput): void {
  if (!hasLegend(input)) return;
  input.series.forEach((series, s) => {
    const x = 24 + (s % 2) * 430;
    const y = 400 + Math.floor(s / 2) * 20;
    canvas.fillRect(x, y, 14, 14, PALETTE[s % PALETTE.length]!);
    const label =
      series.label.length > 32 ? `${truncateCodePoints(series.label, 30).trimEnd()}..` : series.label;
    canvas.text(x + 22, y, label, INK, 2);
  });
}

/** A stacked monthly bar chart as a PNG, with totals on the bars and the partial month marked. */
export function renderTrendChart(input: TrendChartInput): Buffer {
  const legendRows = hasLegend(input) ? Math.ceil(input.series.length / 2) : 0;
  const H = 400 + legendRows * 20 + 24;
  const canvas = createCanvas(W, H, WHITE);
  const title = input.title.length > 70 ? truncateCodePoints(input.title, 68, '..') : input.title;
  canvas.text(24, 18, title, INK, 2);
  const totals = input.months.map((_, i) =>
    input.series.reduce((sum, s) => sum + Math.max(0, s.values[i] ?? 0), 0),
  );
  const step = niceStep(Math.max(...totals, 1) / 5);
  const top = Math.ceil(Math.max(...totals, 1) / step) * step;
  drawAxis(canvas, top, step, input.unit);
  drawBars(canvas, input, top);
  drawLegend(canvas, input);
  if (input.months.some((m) => m.partial)) {
    const note = '* CURRENT MONTH: PARTIAL, ESTIMATED';
    canvas.text(W - 24 - textWidth(note, 1), H - 14, note, INK, 1);
  }
  // Only the dollar has a glyph in the font; any other currency is named once under the chart.
  if (!SYMBOL[input.unit]) canvas.text(24, H - 14, `AMOUNTS IN ${input.unit}`, INK, 1);
  return encodePng(W, H, canvas.pixels);
}

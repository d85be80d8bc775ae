import { truncateCodePoints } from '@sre-agent/shared';
import { type Canvas, createCanvas, type Rgb, textWidth } from './canvas.js';
import { encodePng } from './png.js';
import { niceStep, PALETTE } from './scale.js';

export interface LinePoint {
  /** Epoch milliseconds. */
  at: number;
  value: number;
}

export interface LinePanel {
  title: string;
  series: { label: string; points: LinePoint[] }[];
  /** Horizontal lines (alarm thresholds); points beyond one are marked. */
  thresholds?: { value: number; above: boolean; inclusive?: boolean }[];
}

export interface LineChartInput {
  title: string;
  /** One panel per metric, each with its own y axis, over the same time range. */
  panels: LinePanel[];
  start: number;
  end: number;
}

const W = 880;
const LEFT = 80;
const RIGHT = W - 24;
const PANEL_H = 150;
const PLOT_H = 100;
const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [40, 40, 40];
const GRID: Rgb = [225, 225, 225];
const ALERT: Rgb = [214, 39, 40];

/** `1.2K`, `950`, `2.8`, `0.12`: short enough for the axis. */
export function formatAxisValue(value: number): string {
  const abs = Math.abs(value);
  const trim = (text: string) => text.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
  if (abs >= 1e9) return `${trim((value / 1e9).toFixed(1))}G`;
  if (abs >= 1e6) return `${trim((value / 1e6).toFixed(1))}M`;
  if (abs >= 1e4) return `${trim((value / 1e3).toFixed(1))}K`;
  if (abs >= 10 || value === 0) return value.toFixed(0);
  return trim(value.toFixed(abs >= 1 ? 1 : 2));
}

function timeLabel(at: number, span: number): string {
  const iso = new Date(at).toISOString();
  return span > 2 * 86_400_000 ? iso.slice(5, 10) : iso.slice(11, 16);
}

function yRange(panel: LinePanel): { low: number; top: number; step: number } {
  const values = panel.series.flatMap((s) => s.points.map((p) => p.value));
  values.push(...(panel.thresholds ?? []).map((t) => t.value));
  const low = Math.min(0, ...values);
  const high = values.length === 0 ? 1 : Math.max(...values, low + 1e-9);
  const step = niceStep((high - low) / 4 || 1);
  return { low: Math.floor(low / step) * step, top: Math.ceil(high / step) * step || step, step };
}

function drawPanel(canvas: Canvas, panel: LinePanel, y0: number, input: LineChartInput): void {
  const { low, top, step } = yRange(panel);
  const bottom = y0 + 20 + PLOT_H;
  const yOf = (v: number) => bottom - ((v - low) / (top - low || 1)) * PLOT_H;
  const xOf = (at: number) => LEFT + ((at - input.start) / (input.end - input.start || 1)) * (RIGHT - LEFT);
  canvas.text(LEFT, y0 + 4, truncateCodePoints(panel.title, 90, '..'), INK, 1);
  for (let v = low; v <= top + step / 2; v += step) {
    const y = Math.round(yOf(v));
    canvas.line(LEFT, y, RIGHT, y, GRID);
    const label = formatAxisValue(v);
    canvas.text(LEFT - 8 - textWidth(label, 1), y - 3, label, INK, 1);
  }
  for (const t of panel.thresholds ?? []) {
    const y = Math.round(yOf(t.value));
    for (let x = LEFT; x < RIGHT; x += 8) canvas.line(x, y, Math.min(x + 4, RIGHT), y, ALERT);
  }
  panel.series.forEach((series, s) => {
    const color = PALETTE[s % PALETTE.length]!;
    const points = [...series.points].sort((a, b) => a.at - b.at);
    points.forEach((p, i) => {
      const prev = points[i - 1];
      const [x, y] = [Math.round(xOf(p.at)), Math.round(yOf(p.value))];
      if (prev) {
        const [px, py] = [Math.round(xOf(prev.at)), Math.round(yOf(prev.value))];
        canvas.line(px, py, x, y, color);
        canvas.line(px, py + 1, x, y + 1, color);
      }
      const crossed = (panel.thresholds ?? []).some((t) =>
        t.above
          ? p.value > t.value || (!!t.inclusive && p.value === t.value)
          : p.value < t.value || (!!t.inclusive && p.value === t.value),
      );
      if (crossed) canvas.fillRect(x - 2, y - 2, 5, 5, ALERT);
    });
  });
  if (panel.series.every((series) => series.points.length === 0)) {
    canvas.text(
      Math.round((LEFT + RIGHT) / 2 - textWidth('NO DATA', 2) / 2),
      bottom - PLOT_H / 2 - 7,
      'NO DATA',
      INK,
      2,
    );
  }
  canvas.line(LEFT, bottom, RIGHT, bottom, INK);
}

function drawTimeAxis(canvas: Canvas, input: LineChartInput, y: number): void {
  const span = input.end - input.start;
  for (let i = 0; i <= 6; i++) {
    const at = input.start + (span * i) / 6;
    const x = LEFT + ((RIGHT - LEFT) * i) / 6;
    const label = timeLabel(at, span);
    canvas.line(Math.round(x), y - 4, Math.round(x), y, INK);
    canvas.text(Math.round(x - textWidth(label, 1) / 2), y + 4, label, INK, 1);
  }
}

/**
 * Time series as a PNG: one panel per metric, stacked over a shared UTC time axis, alarm
 * thresholds dashed in red and the points beyond them marked.
 */
export function renderLineChart(input: LineChartInput): Buffer {
  const H = 40 + input.panels.length * PANEL_H + 36;
  const canvas = createCanvas(W, H, WHITE);
  canvas.text(24, 14, truncateCodePoints(input.title, 68, '..'), INK, 2);
  input.panels.forEach((panel, i) => {
    drawPanel(canvas, panel, 40 + i * PANEL_H, input);
  });
  drawTimeAxis(canvas, input, 40 + (input.panels.length - 1) * PANEL_H + 20 + PLOT_H);
  canvas.text(RIGHT - textWidth('UTC', 1), H - 12, 'UTC', INK, 1);
  return encodePng(W, H, canvas.pixels);
}

import { GLYPH_HEIGHT, GLYPH_WIDTH, glyph } from './font.js';

export type Rgb = readonly [number, number, number];

/** A tiny RGB raster: rectangles, lines and bitmap text, which is all our bar and line charts need. */
export interface Canvas {
  width: number;
  height: number;
  pixels: Uint8Array;
  fillRect(x: number, y: number, w: number, h: number, color: Rgb): void;
  line(x0: number, y0: number, x1: number, y1: number, color: Rgb): void;
  /** Draws text with its top-left corner at (x, y); returns the width drawn. */
  text(x: number, y: number, value: string, color: Rgb, scale?: number): number;
}

export function textWidth(value: string, scale = 1): number {
  return value.length === 0 ? 0 : value.length * (GLYPH_WIDTH + 1) * scale - scale;
}

export function createCanvas(width: number, height: number, background: Rgb): Canvas {
  const pixels = new Uint8Array(width * height * 3);
  const set = (x: number, y: number, color: Rgb) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const at = (Math.floor(y) * width + Math.floor(x)) * 3;
    pixels[at] = color[0];
    pixels[at + 1] = color[1];
    pixels[at + 2] = color[2];
  };
  const canvas: Canvas = {
    width,
    height,
    pixels,
    fillRect(x, y, w, h, color) {
      const left = Math.max(0, Math.round(x));
      const right = Math.min(width, Math.round(x + w));
      if (right <= left) return;
      for (let row = Math.max(0, Math.round(y)); row < Math.min(height, Math.round(y + h)); row++) {
        for (let col = left; col < right; col++) set(col, row, color);
      }
    },
    line(x0, y0, x1, y1, color) {
      const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
      for (let i = 0; i <= steps; i++) set(x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps, color);
    },
    text(x, y, value, color, scale = 1) {
      [...value].forEach((ch, index) => {
        const left = x + index * (GLYPH_WIDTH + 1) * scale;
        glyph(ch).forEach((row, gy) => {
          row.forEach((on, gx) => {
            if (on) canvas.fillRect(left + gx * scale, y + gy * scale, scale, scale, color);
          });
        });
      });
      return textWidth(value, scale);
    },
  };
  canvas.fillRect(0, 0, width, height, background);
  return canvas;
}

export const LINE_HEIGHT = GLYPH_HEIGHT;

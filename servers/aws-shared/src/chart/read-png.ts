import { crc32, inflateSync } from 'node:zlib';

export interface PngChunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}

export type RgbTuple = readonly [number, number, number];

/** The chunks of a PNG, each with whether its checksum holds. */
export function pngChunks(png: Buffer): PngChunk[] {
  const found: PngChunk[] = [];
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

/**
 * Reads back what `encodePng` wrote (8-bit RGB, one IDAT, filter "None"), so a chart's tests
 * can check its pixels; not a general PNG decoder.
 */
export function readPng(png: Buffer) {
  const list = pngChunks(png);
  const width = list[0]!.data.readUInt32BE(0);
  const height = list[0]!.data.readUInt32BE(4);
  const raw = inflateSync(list.find((c) => c.type === 'IDAT')!.data);
  return {
    width,
    height,
    raw,
    /** Pixels of one colour inside a box (default: the whole image). */
    count([r, g, b]: RgbTuple, box?: { x: number; y: number; w: number; h: number }): number {
      const { x: left, y: top, w, h } = box ?? { x: 0, y: 0, w: width, h: height };
      let count = 0;
      for (let row = Math.max(0, top); row < Math.min(height, top + h); row++) {
        for (let x = Math.max(0, left); x < Math.min(width, left + w); x++) {
          const at = row * (width * 3 + 1) + 1 + x * 3;
          if (raw[at] === r && raw[at + 1] === g && raw[at + 2] === b) count++;
        }
      }
      return count;
    },
  };
}

// The tray icon, drawn in code: a disc in the status colour with a dark rim, so it reads on light
// and dark task bars alike. PNG bytes at 16 and 32 px (1x and 2x), no image files to ship.
import { crc32, deflateSync } from 'node:zlib';
import type { HealthStatus } from '../../shared/model';

/** The wall palette's status colours (src/renderer/src/theme/tokens.ts), bright enough for a task bar. */
export const TRAY_COLOURS: Record<HealthStatus, readonly [number, number, number]> = {
  ok: [0x3f, 0xb9, 0x50],
  warn: [0xd2, 0x99, 0x22],
  crit: [0xff, 0x6a, 0x5f],
  unknown: [0x8b, 0x94, 0x9e],
};

const RIM: readonly [number, number, number] = [0x0d, 0x11, 0x17];

/** RGBA pixels of the disc, anti-aliased by coverage of 4x4 samples per pixel. */
export function trayIconPixels(status: HealthStatus, size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const centre = size / 2;
  const outer = size * 0.47;
  const inner = outer - Math.max(1, size / 16);
  const fill = TRAY_COLOURS[status];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let rim = 0;
      let body = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const d = Math.hypot(x + (sx + 0.5) / 4 - centre, y + (sy + 0.5) / 4 - centre);
          if (d <= inner) body++;
          else if (d <= outer) rim++;
        }
      }
      const covered = body + rim;
      if (covered === 0) continue;
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) pixels[i + c] = Math.round((fill[c]! * body + RIM[c]! * rim) / covered);
      pixels[i + 3] = Math.round((255 * covered) / 16);
    }
  }
  return pixels;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A minimal PNG (8-bit RGBA, no filtering) of square RGBA pixels. */
export function encodePng(pixels: Uint8Array, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) Buffer.from(pixels.buffer, pixels.byteOffset + y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array())]);
}

export const TRAY_ICON_SIZES = [
  { scaleFactor: 1, size: 16 },
  { scaleFactor: 2, size: 32 },
] as const;

export function trayIconPng(status: HealthStatus, size: number): Buffer {
  return encodePng(trayIconPixels(status, size), size);
}

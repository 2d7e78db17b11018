// Draws the add-in's icons (a calendar with a sync check on SAP blue) as PNGs at every size the manifest names.
// Run: npx tsx assets/generate-icons.ts. The PNG encoder is the few lines the format needs (zlib + crc32 from
// node), so no image package is installed for a one-off drawing; shapes are supersampled for smooth edges.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

const BLUE: Rgba = [10, 110, 209, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const DARK: Rgba = [0, 64, 133, 255];
const GREEN: Rgba = [16, 124, 16, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

function insideRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

/** The icon in unit coordinates (0..1): later shapes paint over earlier ones. */
function colourAt(x: number, y: number): Rgba {
  let colour: Rgba = CLEAR;
  if (insideRoundedRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.18)) colour = BLUE;
  if (insideRoundedRect(x, y, 0.2, 0.24, 0.8, 0.8, 0.06)) colour = WHITE;
  if (insideRoundedRect(x, y, 0.2, 0.24, 0.8, 0.38, 0.06) && y < 0.38) colour = DARK;
  if (insideRoundedRect(x, y, 0.3, 0.15, 0.37, 0.3, 0.03) || insideRoundedRect(x, y, 0.63, 0.15, 0.7, 0.3, 0.03)) colour = DARK;
  const check = Math.min(distanceToSegment(x, y, 0.34, 0.58, 0.46, 0.7), distanceToSegment(x, y, 0.46, 0.7, 0.68, 0.47));
  if (check < 0.055) colour = GREEN;
  return colour;
}

function render(size: number, samples = 4): Buffer {
  const rowBytes = size * 4 + 1;
  const raw = Buffer.alloc(rowBytes * size);
  for (let py = 0; py < size; py++) {
    raw[py * rowBytes] = 0; // filter type: none
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          // premultiply so transparent samples do not darken the edges
          sum[0]! += c[0] * c[3];
          sum[1]! += c[1] * c[3];
          sum[2]! += c[2] * c[3];
          sum[3]! += c[3];
        }
      }
      const alpha = sum[3]!;
      const offset = py * rowBytes + 1 + px * 4;
      raw[offset] = alpha ? Math.round(sum[0]! / alpha) : 0;
      raw[offset + 1] = alpha ? Math.round(sum[1]! / alpha) : 0;
      raw[offset + 2] = alpha ? Math.round(sum[2]! / alpha) : 0;
      raw[offset + 3] = Math.round(alpha / (samples * samples));
    }
  }
  return encodePng(size, size, raw);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function encodePng(width: number, height: number, filteredRows: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filteredRows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const here = dirname(fileURLToPath(import.meta.url));
for (const size of [16, 20, 24, 32, 40, 48, 64, 80, 128]) {
  writeFileSync(join(here, `icon-${size}.png`), render(size));
}
writeFileSync(join(here, 'logo-filled.png'), render(300));
process.stdout.write(`icons written to ${here}\n`);

#!/usr/bin/env node
// Draws build/icon.png (512x512 RGBA): a lens (ring + glass) over a row of bits. No dependencies.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 512;
const px = new Uint8Array(N * N * 4);
const mix = (a, b, t) => a + (b - a) * t;
const clamp = (v) => Math.max(0, Math.min(1, v));

function blend(x, y, [r, g, b], alpha) {
  if (alpha <= 0) return;
  const i = (y * N + x) * 4;
  const a0 = px[i + 3] / 255;
  const a = alpha + a0 * (1 - alpha);
  px[i] = Math.round((r * alpha + px[i] * a0 * (1 - alpha)) / a);
  px[i + 1] = Math.round((g * alpha + px[i + 1] * a0 * (1 - alpha)) / a);
  px[i + 2] = Math.round((b * alpha + px[i + 2] * a0 * (1 - alpha)) / a);
  px[i + 3] = Math.round(a * 255);
}

const cx = 232, cy = 232, rGlass = 150, ring = 30;
for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    // Rounded-square background, deep blue gradient.
    const dx = Math.max(Math.abs(x - 255.5) - 200, 0), dy = Math.max(Math.abs(y - 255.5) - 200, 0);
    const bg = clamp(56 - Math.hypot(dx, dy) + 0.5);
    const t = y / N;
    blend(x, y, [mix(22, 12, t), mix(38, 24, t), mix(74, 48, t)], bg);
    // Bits: a grid of small squares, bright inside the lens (magnified), dim outside.
    const d = Math.hypot(x - cx, y - cy);
    const inside = d < rGlass;
    const cell = inside ? 40 : 28;
    const gx = Math.floor((x - (inside ? cx : 0)) / cell), gy = Math.floor((y - (inside ? cy : 0)) / cell);
    const lx = ((x - (inside ? cx : 0)) % cell + cell) % cell, ly = ((y - (inside ? cy : 0)) % cell + cell) % cell;
    const on = ((gx * 7 + gy * 13) ^ (gx * gy)) & 1;
    if (bg > 0 && lx > cell * 0.2 && lx < cell * 0.8 && ly > cell * 0.2 && ly < cell * 0.8) {
      blend(x, y, on ? [80, 200, 255] : [60, 90, 140], inside ? 0.95 : 0.35 * bg);
    }
    // Glass tint and the ring.
    if (inside) blend(x, y, [120, 190, 255], 0.12);
    const ringA = clamp(ring / 2 - Math.abs(d - rGlass - ring / 2) + 0.5);
    blend(x, y, [236, 242, 250], ringA);
    // Handle: a thick line from the ring towards the bottom-right corner.
    const ux = (x - cx) / Math.SQRT2 + (y - cy) / Math.SQRT2, vx = (y - cy) / Math.SQRT2 - (x - cx) / Math.SQRT2;
    if (ux > rGlass + ring - 4 && ux < 340) blend(x, y, [236, 242, 250], clamp(22 - Math.abs(vx) + 0.5));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) Buffer.from(px.buffer, y * N * 4, N * 4).copy(raw, y * (N * 4 + 1) + 1);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
const out = new URL('../build/icon.png', import.meta.url);
writeFileSync(out, png);
console.log(`wrote build/icon.png (${png.length} bytes)`);

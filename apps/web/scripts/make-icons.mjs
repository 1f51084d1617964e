// Draws the app's icons (a clock face on the brand blue) into public/: the PNGs the web
// manifest and iOS need, and the SVG favicon, from one geometry. Run it after changing the
// design: node scripts/make-icons.mjs. No image library: a tiny anti-aliased rasteriser and a
// PNG writer on node:zlib.
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x1d, 0x4e, 0xd8];
const WHITE = [0xff, 0xff, 0xff];

// Geometry in a 0..1 square: a ring, a crown on top and two hands (12 and 2 o'clock).
const clock = (scale) => ({
  ring: { r: 0.3 * scale, width: 0.075 * scale },
  hands: [
    { to: [0.5, 0.5 - 0.19 * scale], width: 0.07 * scale },
    { to: [0.5 + 0.13 * scale, 0.5 + 0.02 * scale], width: 0.07 * scale },
  ],
  crown: { y: 0.5 - 0.39 * scale, half: 0.06 * scale, height: 0.05 * scale },
});

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage (0..1) of the white mark at a point, from its signed distance; px is one pixel. */
function mark(x, y, shape, px) {
  const ring = Math.abs(Math.hypot(x - 0.5, y - 0.5) - shape.ring.r) - shape.ring.width / 2;
  const hands = shape.hands.map(
    (hand) => segmentDistance(x, y, [0.5, 0.5], hand.to) - hand.width / 2,
  );
  const c = shape.crown;
  const crown = Math.max(Math.abs(x - 0.5) - c.half, Math.abs(y - c.y) - c.height / 2);
  const d = Math.min(ring, crown, ...hands);
  return Math.max(0, Math.min(1, 0.5 - d / px));
}

/** Coverage of the rounded-square background (radius 0 = full bleed). */
function plate(x, y, radius, px) {
  if (radius === 0) return 1;
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - radius), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - radius), 0);
  const d = Math.hypot(qx, qy) - radius;
  return Math.max(0, Math.min(1, 0.5 - d / px));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size, { radius, scale }) {
  const shape = clock(scale);
  const px = 1 / size;
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let j = 0; j < size; j++) {
    const row = j * (1 + size * 4);
    rows[row] = 0; // filter: none
    for (let i = 0; i < size; i++) {
      const x = (i + 0.5) / size;
      const y = (j + 0.5) / size;
      const a = mark(x, y, shape, px);
      const o = row + 1 + i * 4;
      for (let k = 0; k < 3; k++) rows[o + k] = Math.round(BLUE[k] * (1 - a) + WHITE[k] * a);
      rows[o + 3] = Math.round(255 * plate(x, y, radius, px));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg() {
  const s = clock(1);
  const n = (v) => Math.round(v * 512 * 10) / 10;
  const hands = s.hands
    .map((h) => `<path d="M256 256L${n(h.to[0])} ${n(h.to[1])}" stroke-width="${n(h.width)}"/>`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">` +
    `<rect width="512" height="512" rx="${n(0.18)}" fill="#1d4ed8"/>` +
    `<g fill="none" stroke="#fff" stroke-linecap="round">` +
    `<circle cx="256" cy="256" r="${n(s.ring.r)}" stroke-width="${n(s.ring.width)}"/>${hands}</g>` +
    `<rect x="${n(0.5 - s.crown.half)}" y="${n(s.crown.y - s.crown.height / 2)}" ` +
    `width="${n(2 * s.crown.half)}" height="${n(s.crown.height)}" fill="#fff"/></svg>\n`
  );
}

const out = new URL('../public/', import.meta.url);
// "any" icons: rounded plate. Maskable and Apple: full bleed, mark inside the 80 % safe zone.
writeFileSync(new URL('icon-192.png', out), png(192, { radius: 0.18, scale: 1 }));
writeFileSync(new URL('icon-512.png', out), png(512, { radius: 0.18, scale: 1 }));
writeFileSync(new URL('icon-maskable-512.png', out), png(512, { radius: 0, scale: 0.8 }));
writeFileSync(new URL('apple-touch-icon.png', out), png(180, { radius: 0, scale: 0.9 }));
writeFileSync(new URL('favicon.svg', out), svg());

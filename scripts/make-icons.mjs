// Draws Slipway's icons as PNG files with nothing but node:zlib: the tray icons (one per
// state, 16 px and @2x 32 px), the window/notification icon and the installer icons.
// Run `node scripts/make-icons.mjs` after changing a shape; the PNGs are committed.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const ss = 4;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          // Coordinates in [0, 1).
          const [pr, pg, pb, pa] = pixel((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          r += pr * pa; g += pg * pa; b += pb * pa; a += pa;
        }
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const n = ss * ss;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((a / n) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const dist = (x, y, cx, cy) => Math.hypot(x - cx, y - cy);
function segment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
const white = [255, 255, 255];

// One shape per state, so the icon reads without colour too.
const trayIcons = {
  healthy: { color: '#2e9e44', mark: (x, y) => Math.min(segment(x, y, 0.3, 0.52, 0.44, 0.66), segment(x, y, 0.44, 0.66, 0.71, 0.36)) < 0.065 },
  starting: { color: '#d99a06', mark: (x, y) => dist(x, y, 0.5, 0.5) < 0.14 || (dist(x, y, 0.5, 0.5) > 0.25 && dist(x, y, 0.5, 0.5) < 0.31 && x > 0.5) },
  failing: { color: '#d32f2f', mark: (x, y) => segment(x, y, 0.5, 0.27, 0.5, 0.56) < 0.07 || dist(x, y, 0.5, 0.72) < 0.075 },
  down: { color: '#6b6b6b', mark: (x, y) => Math.min(segment(x, y, 0.33, 0.33, 0.67, 0.67), segment(x, y, 0.67, 0.33, 0.33, 0.67)) < 0.065 },
  idle: { color: '#8a8a8a', ring: true },
};

function trayPixel({ color, mark, ring }) {
  const c = hex(color);
  return (x, y) => {
    const d = dist(x, y, 0.5, 0.5);
    if (ring) return d < 0.46 && d > 0.33 ? [...c, 1] : [0, 0, 0, 0];
    if (d >= 0.47) return [0, 0, 0, 0];
    return mark(x, y) ? [...white, 1] : [...c, 1];
  };
}

// The app icon: a hull on a slipway, white on a blue rounded square.
function appPixel(x, y) {
  const r = 0.2, m = 0.06;
  const qx = Math.max(m + r - x, 0, x - (1 - m - r)), qy = Math.max(m + r - y, 0, y - (1 - m - r));
  if (Math.hypot(qx, qy) > r) return [0, 0, 0, 0];
  const blue = hex('#1f6feb');
  const hull = y > 0.42 && y < 0.62 && x > 0.22 + (y - 0.42) * 0.8 && x < 0.78 - (y - 0.42) * 0.8;
  const mast = x > 0.48 && x < 0.52 && y > 0.2 && y < 0.42;
  const sail = y > 0.22 && y < 0.4 && x > 0.53 && x < 0.53 + (y - 0.22) * 1.1;
  const ramp = segment(x, y, 0.16, 0.8, 0.84, 0.68) < 0.025;
  return hull || mast || sail || ramp ? [...white, 1] : [...blue, 1];
}

const write = (rel, buf) => {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, buf);
  console.log(`${rel} (${buf.length} bytes)`);
};
for (const [name, spec] of Object.entries(trayIcons)) {
  write(`electron/main/assets/tray-${name}.png`, png(16, trayPixel(spec)));
  write(`electron/main/assets/tray-${name}@2x.png`, png(32, trayPixel(spec)));
}
write('electron/main/assets/icon.png', png(256, appPixel));
write('build/icon.png', png(512, appPixel));
for (const size of [16, 32, 48, 64, 128, 256, 512]) write(`build/icons/${size}x${size}.png`, png(size, appPixel));

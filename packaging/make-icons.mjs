// Renders resources/icons/icon.svg into every size the installers need, with Debian's Chromium
// (playwright-core, already a dev dependency): png/NxN.png for Linux, icon.ico for Windows,
// icon.icns for macOS. The outputs are committed; run this again after changing the SVG:
//   node packaging/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const iconsDir = path.join(root, 'resources', 'icons');
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** ICO with PNG entries (Windows Vista and later read them), 256 px at most. */
export function buildIco(pngs) {
  const entries = [...pngs].filter(([size]) => size <= 256).sort(([a], [b]) => a - b);
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(([size, png], i) => {
    const at = 6 + 16 * i;
    header[at] = size >= 256 ? 0 : size;
    header[at + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, at + 4); // planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...entries.map(([, png]) => png)]);
}

// macOS icon types holding PNG data, by pixel size (ic11-ic14 are the @2x variants).
const ICNS_TYPES = [
  ['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
  ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512],
];

export function buildIcns(pngs) {
  const chunks = ICNS_TYPES.filter(([, size]) => pngs.has(size)).map(([type, size]) => {
    const png = pngs.get(size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

async function render() {
  const svg = fs.readFileSync(path.join(iconsDir, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.OPSDECK_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const pngs = new Map();
  try {
    const page = await browser.newPage();
    for (const size of ICON_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`);
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
  } finally {
    await browser.close();
  }
  fs.mkdirSync(path.join(iconsDir, 'png'), { recursive: true });
  for (const [size, png] of pngs) fs.writeFileSync(path.join(iconsDir, 'png', `${size}x${size}.png`), png);
  fs.writeFileSync(path.join(iconsDir, 'icon.png'), pngs.get(1024));
  fs.writeFileSync(path.join(iconsDir, 'icon.ico'), buildIco(pngs));
  fs.writeFileSync(path.join(iconsDir, 'icon.icns'), buildIcns(pngs));
  console.log(`icons: ${ICON_SIZES.join(', ')} px, icon.ico, icon.icns in ${path.relative(root, iconsDir)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await render();

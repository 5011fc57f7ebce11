import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { blankImage, encodePng, fillRect, type Rgba, type RgbaImage } from './teams-png.ts';

/** The colour icon's background; appPackage/manifest.json's accentColor is the same colour. */
export const ACCENT: Rgba = [0x2e, 0x6b, 0xe6, 0xff];
const WHITE: Rgba = [0xff, 0xff, 0xff, 0xff];
const TRANSPARENT: Rgba = [0, 0, 0, 0];

/**
 * kpibot's glyph: three rising bars on a baseline, drawn on a grid of `unit` pixels so the same drawing serves the
 * 192 px colour icon and the 32 px outline icon. It is 10 units wide and 8.5 high, from `top` + 2 units.
 */
function drawBarChart(image: RgbaImage, unit: number, left: number, top: number, color: Rgba): void {
  const bars = [
    { x: 1, height: 3 },
    { x: 4, height: 5 },
    { x: 7, height: 7 },
  ];
  const floor = top + 9 * unit;
  for (const bar of bars) {
    fillRect(image, left + bar.x * unit, floor - bar.height * unit, left + (bar.x + 2) * unit, floor, color);
  }
  fillRect(image, left, floor + Math.max(1, unit / 2), left + 10 * unit, floor + unit + unit / 2, color);
}

/** 192×192, full colour: white bars on the accent colour, as Teams shows it in the store and app bar. */
export function colorIcon(): RgbaImage {
  const image = blankImage(192, 192, ACCENT);
  drawBarChart(image, 12, 36, 21, WHITE);
  return image;
}

/** 32×32, white on transparent only: Teams tints it for its monochrome app bar. */
export function outlineIcon(): RgbaImage {
  const image = blankImage(32, 32, TRANSPARENT);
  drawBarChart(image, 2, 6, 4, WHITE);
  return image;
}

export function writeIcons(dir: string): void {
  writeFileSync(join(dir, 'color.png'), encodePng(colorIcon()));
  writeFileSync(join(dir, 'outline.png'), encodePng(outlineIcon()));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeIcons('appPackage');
  console.log('wrote appPackage/color.png (192×192) and appPackage/outline.png (32×32)');
}

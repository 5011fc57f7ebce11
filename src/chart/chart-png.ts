import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import type { ChartSpec } from '../core/digest/types.ts';
import { CHART_FONT_FAMILY, type ChartSize, weeklyChartSvg } from './weekly-chart-svg.ts';

const require = createRequire(import.meta.url);

/**
 * The bundled font files (DejaVu Sans, Bitstream Vera licence: free to use and redistribute). resvg is told not
 * to load system fonts, so a chart looks the same on a laptop, in CI and in a slim container without fonts.
 */
export const CHART_FONT_FILES = [
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
];

/** Slack shows images up to the message width; 800 × 400 is sharp there and a few tens of KB. */
export const SLACK_CHART_SIZE: ChartSize = { width: 800, height: 400 };
/**
 * Teams inlines the image in the Adaptive Card as a data URI, and the whole card must stay under 28 KB: a smaller
 * image (the card renderer checks the size and leaves the image out, keeping its alt text, if it still does not fit).
 */
export const TEAMS_CHART_SIZE: ChartSize = { width: 480, height: 240 };

/** The chart as a PNG of exactly `size` pixels. */
export function renderChartPng(spec: ChartSpec, size: ChartSize = SLACK_CHART_SIZE): Buffer {
  const svg = weeklyChartSvg(spec, size);
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: CHART_FONT_FILES,
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
    fitTo: { mode: 'original' },
    background: '#ffffff',
    logLevel: 'off',
  });
  return resvg.render().asPng();
}

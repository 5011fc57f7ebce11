import type { ChartSpec } from '../core/digest/types.ts';

/** The font family the SVG names; chart-png.ts loads exactly this bundled font, never a system one. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

export interface ChartSize {
  width: number;
  height: number;
}

const COLORS = {
  met: '#2e7d32',
  missed: '#1f5fa8',
  target: '#d9822b',
  grid: '#e3e6ea',
  axis: '#5f6b7a',
  text: '#1d2733',
  background: '#ffffff',
} as const;

/**
 * A bar chart of weekly values with the objective as a dashed step line, as an SVG document of exactly `size`.
 * Pure: the same spec and size always give the same bytes (and so the same PNG). Bars that meet the objective
 * are green, the others blue; without an objective every bar is blue and there is no line.
 */
export function weeklyChartSvg(spec: ChartSpec, size: ChartSize): string {
  const { width, height } = size;
  const scale = Math.min(width / 800, height / 400);
  const font = (px: number) => Math.max(9, Math.round(px * scale));
  const pad = { top: font(44), right: font(16), bottom: font(40), left: font(64) };
  const plot = { x: pad.left, y: pad.top, w: width - pad.left - pad.right, h: height - pad.top - pad.bottom };
  const values = spec.points.flatMap((p) => [p.value ?? 0, p.target ?? 0]);
  const max = niceMax(Math.max(0, ...values));
  const min = Math.min(0, ...values);
  const range = max - min || 1;
  const y = (v: number) => plot.y + plot.h - ((v - min) / range) * plot.h;
  const n = Math.max(1, spec.points.length);
  const slot = plot.w / n;
  const barW = Math.max(1, slot * 0.62);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<title>${esc(spec.alt)}</title>`,
    `<rect width="${width}" height="${height}" fill="${COLORS.background}"/>`,
    `<text x="${pad.left}" y="${font(26)}" font-size="${font(18)}" font-weight="bold" fill="${COLORS.text}">${esc(spec.title)}</text>`,
  );
  // Horizontal grid and y labels: four steps of a round number.
  for (let k = 0; k <= 4; k++) {
    const v = min + (range * k) / 4;
    const gy = round(y(v));
    out.push(
      `<line x1="${plot.x}" y1="${gy}" x2="${plot.x + plot.w}" y2="${gy}" stroke="${COLORS.grid}" stroke-width="1" shape-rendering="crispEdges"/>`,
      `<text x="${plot.x - font(8)}" y="${gy + font(4)}" font-size="${font(12)}" text-anchor="end" fill="${COLORS.axis}">${esc(axisLabel(v, spec))}</text>`,
    );
  }
  // Every other week's label when they would not fit side by side.
  const labelEvery = slot < font(12) * 4.2 ? 2 : 1;
  spec.points.forEach((p, i) => {
    const cx = plot.x + slot * i + slot / 2;
    if (p.value !== null) {
      const top = y(Math.max(p.value, 0));
      const bottom = y(Math.min(p.value, 0));
      const met =
        p.target !== null && (spec.direction === 'down_is_good' ? p.value <= p.target : p.value >= p.target);
      out.push(
        `<rect x="${round(cx - barW / 2)}" y="${round(top)}" width="${round(barW)}" height="${round(Math.max(bottom - top, 0.5))}" fill="${met ? COLORS.met : COLORS.missed}" shape-rendering="crispEdges"/>`,
      );
    }
    if ((spec.points.length - 1 - i) % labelEvery === 0) {
      out.push(
        `<text x="${round(cx)}" y="${plot.y + plot.h + font(18)}" font-size="${font(12)}" text-anchor="middle" fill="${COLORS.axis}">${esc(p.label)}</text>`,
      );
    }
  });
  // The objective: a dashed step line over each week it exists.
  const segments: string[] = [];
  spec.points.forEach((p, i) => {
    if (p.target === null) return;
    const x0 = round(plot.x + slot * i);
    const x1 = round(plot.x + slot * (i + 1));
    const ty = round(y(p.target));
    segments.push(`M${x0} ${ty}H${x1}`);
  });
  if (segments.length > 0) {
    out.push(
      `<path d="${segments.join('')}" fill="none" stroke="${COLORS.target}" stroke-width="${Math.max(2, round(3 * scale))}" stroke-dasharray="${font(8)} ${font(5)}"/>`,
    );
  }
  out.push(
    `<line x1="${plot.x}" y1="${round(y(0))}" x2="${plot.x + plot.w}" y2="${round(y(0))}" stroke="${COLORS.axis}" stroke-width="1" shape-rendering="crispEdges"/>`,
  );
  // Legend, top right.
  const lx = width - pad.right;
  const ly = font(26);
  const legendFont = font(12);
  const targetText = segments.length > 0 ? spec.legend.target : null;
  let cursor = lx;
  const legend: string[] = [];
  if (targetText) {
    legend.push(
      `<text x="${cursor}" y="${ly}" font-size="${legendFont}" text-anchor="end" fill="${COLORS.text}">${esc(targetText)}</text>`,
    );
    cursor -= approxWidth(targetText, legendFont) + font(6);
    legend.push(
      `<line x1="${cursor - font(22)}" y1="${ly - legendFont / 3}" x2="${cursor}" y2="${ly - legendFont / 3}" stroke="${COLORS.target}" stroke-width="${Math.max(2, round(3 * scale))}" stroke-dasharray="${font(6)} ${font(4)}"/>`,
    );
    cursor -= font(22) + font(14);
  }
  legend.push(
    `<text x="${cursor}" y="${ly}" font-size="${legendFont}" text-anchor="end" fill="${COLORS.text}">${esc(spec.legend.actual)}</text>`,
  );
  cursor -= approxWidth(spec.legend.actual, legendFont) + font(6);
  legend.push(
    `<rect x="${cursor - font(12)}" y="${ly - legendFont + 1}" width="${font(12)}" height="${font(12) - 2}" fill="${COLORS.missed}"/>`,
  );
  out.push(...legend, '</svg>');
  return out.join('');
}

/** A round upper bound for the axis: 1, 2, 2.5 or 5 × 10^k. */
function niceMax(v: number): number {
  if (v <= 0) return 1;
  const exp = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * exp) return m * exp;
  return 10 * exp;
}

/** Compact axis labels in the chart's language: "€20K", "20 k€", "45%". */
function axisLabel(v: number, spec: ChartSpec): string {
  const locale = spec.lang === 'fr' ? 'fr-FR' : 'en-US';
  if (spec.format === 'percent') {
    return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(v);
  }
  const opts: Intl.NumberFormatOptions = { notation: 'compact', maximumFractionDigits: 1 };
  if (spec.format === 'currency') Object.assign(opts, { style: 'currency', currency: spec.currency });
  return new Intl.NumberFormat(locale, opts).format(v);
}

/** DejaVu Sans averages a little over half an em per character. */
function approxWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
